package main

import (
	"database/sql"
	"fmt"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"

	_ "github.com/go-sql-driver/mysql"
)

// The runner gives this run a database of its own on shard-1 and shard-2 (CLUSTER_XA_DB).
var database = os.Getenv("CLUSTER_XA_DB")

// Each transfer moves amount from its sender on shard-1 (from-<xid>) to its receiver on shard-2 (to-<xid>).
// preparedOn says how far phase 1 got before the crash: "both", or only "shard-1" or "shard-2".
type transfer struct {
	xid        string
	amount     int
	preparedOn string
}

func main() {
	var transfers []transfer
	for _, item := range strings.Split(os.Getenv("TRANSFERS"), ",") {
		if parts := strings.Split(item, ":"); len(parts) == 3 {
			amount, _ := strconv.Atoi(parts[1])
			transfers = append(transfers, transfer{parts[0], amount, parts[2]})
		}
	}

	// Given: the coordinator crashes in the middle of its transfers. Do not change this part.
	crash(transfers)

	// Recovery: a new coordinator starts with a connection to each shard.
	shard1 := connect("CLUSTER_SHARD_1")
	defer shard1.Close()
	shard2 := connect("CLUSTER_SHARD_2")
	defer shard2.Close()
	recoverTransfers(shard1, shard2)

	// Given: what recovery left behind.
	left := append(prepared(shard1), prepared(shard2)...)
	if len(left) == 0 {
		left = []string{"none"}
	}
	fmt.Printf("still in doubt: %s\n", strings.Join(left, ", "))
	a, b := total(shard1), total(shard2)
	fmt.Printf("after recovery: shard-1 %d, shard-2 %d, total %d\n", a, b, a+b)
}

// TODO: a transfer may be committed only if BOTH shards prepared it; one prepared on a single shard must be
// rolled back there. Print one line per transfer, in the order of their names: "tx-17: committed" or "tx-17: rolled back".
func recoverTransfers(shard1, shard2 *sql.DB) {
	seen := map[string]bool{}
	for _, xid := range append(prepared(shard1), prepared(shard2)...) {
		seen[xid] = true
	}
	var xids []string
	for xid := range seen {
		xids = append(xids, xid)
	}
	sort.Strings(xids)
	for _, xid := range xids {
		for _, shard := range []*sql.DB{shard1, shard2} {
			if contains(prepared(shard), xid) {
				exec(shard, "XA COMMIT '"+xid+"'")
			}
		}
		fmt.Printf("%s: committed\n", xid)
	}
}

func contains(list []string, item string) bool {
	for _, each := range list {
		if each == item {
			return true
		}
	}
	return false
}

// prepared returns the transfers a shard has prepared and not yet decided (XA RECOVER).
func prepared(shard *sql.DB) []string {
	rows, err := shard.Query("XA RECOVER")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	var xids []string
	for rows.Next() {
		var formatID, gtridLength, bqualLength int
		var data []byte
		if err := rows.Scan(&formatID, &gtridLength, &bqualLength, &data); err != nil {
			log.Fatal(err)
		}
		if xid := string(data[:gtridLength]); strings.HasPrefix(xid, "tx-") {
			xids = append(xids, xid)
		}
	}
	return xids
}

func total(shard *sql.DB) int {
	var sum int
	if err := shard.QueryRow("SELECT COALESCE(SUM(balance), 0) FROM accounts").Scan(&sum); err != nil {
		log.Fatal(err)
	}
	return sum
}

func connect(env string) *sql.DB {
	db, err := sql.Open("mysql", "user:password@tcp("+os.Getenv(env)+")/"+database)
	if err != nil {
		log.Fatal(err)
	}
	// One connection: an XA transaction belongs to the session that started it.
	db.SetMaxOpenConns(1)
	return db
}

func exec(db *sql.DB, query string, args ...any) {
	if _, err := db.Exec(query, args...); err != nil {
		log.Fatal(err)
	}
}

func crash(transfers []transfer) {
	setup1, setup2 := connect("CLUSTER_SHARD_1"), connect("CLUSTER_SHARD_2")
	exec(setup1, "CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)")
	exec(setup2, "CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)")
	for _, t := range transfers {
		exec(setup1, "INSERT INTO accounts VALUES (?, 500)", "from-"+t.xid)
		exec(setup2, "INSERT INTO accounts VALUES (?, 100)", "to-"+t.xid)
	}
	setup1.Close()
	setup2.Close()
	// Phase 1 of every transfer, each on connections of its own; the coordinator dies before phase 2.
	for _, t := range transfers {
		for _, step := range []struct {
			env, shard, owner string
			delta             int
		}{{"CLUSTER_SHARD_1", "shard-1", "from-" + t.xid, -t.amount}, {"CLUSTER_SHARD_2", "shard-2", "to-" + t.xid, t.amount}} {
			if t.preparedOn != "both" && t.preparedOn != step.shard {
				continue
			}
			db := connect(step.env)
			exec(db, "XA START '"+t.xid+"'")
			exec(db, "UPDATE accounts SET balance = balance + ? WHERE owner = ?", step.delta, step.owner)
			exec(db, "XA END '"+t.xid+"'")
			exec(db, "XA PREPARE '"+t.xid+"'")
			// The connection closes; the prepared transaction stays on the shard, undecided.
			db.Close()
		}
	}
	fmt.Printf("crashed with %d transfers in doubt\n", len(transfers))
}
