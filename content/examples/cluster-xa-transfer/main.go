package main

import (
	"database/sql"
	"fmt"
	"log"
	"os"
	"strings"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

// Alice's account lives on shard-1, Bob's on shard-2. The runner gives this
// run a database of its own on both (CLUSTER_XA_DB).
var database = os.Getenv("CLUSTER_XA_DB")

type shard struct {
	name string
	db   *sql.DB
}

func main() {
	alice := connect("shard-1", "CLUSTER_SHARD_1")
	bob := connect("shard-2", "CLUSTER_SHARD_2")
	exec(alice, "CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)")
	exec(bob, "CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)")
	exec(alice, "INSERT INTO accounts VALUES ('Alice', 500)")
	exec(bob, "INSERT INTO accounts VALUES ('Bob', 100)")
	balances(alice, bob, "before")

	// Phase 1: each shard does its part and promises (PREPARE) it can commit.
	// Phase 2: only when both promised, the coordinator commits both.
	// Each transfer is a lane in the tutorial's timeline, from PREPARE to its outcome.
	spans.Start("transfer-1")
	prepare("transfer-1", alice, bob, 100)
	exec(alice, "XA COMMIT 'transfer-1'")
	exec(bob, "XA COMMIT 'transfer-1'")
	spans.End("transfer-1")
	fmt.Println("transfer-1: prepared on both shards, committed on both")
	balances(alice, bob, "after transfer-1")

	// The coordinator crashes between the phases: both shards have promised,
	// nobody has told them the outcome. Their connections close.
	spans.Start("transfer-2")
	prepare("transfer-2", alice, bob, 50)
	alice.db.Close()
	bob.db.Close()
	fmt.Println("transfer-2: prepared on both shards, then the coordinator crashed")

	// A new coordinator starts. The prepared transaction survived on each shard,
	// invisible to readers until it is decided.
	alice = connect("shard-1", "CLUSTER_SHARD_1")
	bob = connect("shard-2", "CLUSTER_SHARD_2")
	balances(alice, bob, "while in doubt")
	// Recovery: ask each shard what it has prepared. Both prepared transfer-2, so commit it.
	spans.Start("recovery")
	for _, s := range []shard{alice, bob} {
		fmt.Printf("%s XA RECOVER: %s\n", s.name, strings.Join(recovered(s), ", "))
	}
	exec(alice, "XA COMMIT 'transfer-2'")
	exec(bob, "XA COMMIT 'transfer-2'")
	spans.End("recovery")
	spans.End("transfer-2")
	fmt.Println("transfer-2: recovered and committed on both")
	balances(alice, bob, "after recovery")
}

func connect(name, env string) shard {
	db, err := sql.Open("mysql", "user:password@tcp("+os.Getenv(env)+")/"+database)
	if err != nil {
		log.Fatal(err)
	}
	// One connection per shard: an XA transaction belongs to the session that started it.
	db.SetMaxOpenConns(1)
	return shard{name, db}
}

func exec(s shard, query string, args ...any) {
	if _, err := s.db.Exec(query, args...); err != nil {
		log.Fatalf("%s: %v", s.name, err)
	}
}

func prepare(xid string, from, to shard, amount int) {
	for _, step := range []struct {
		s     shard
		owner string
		delta int
	}{{from, "Alice", -amount}, {to, "Bob", amount}} {
		exec(step.s, "XA START '"+xid+"'")
		exec(step.s, "UPDATE accounts SET balance = balance + ? WHERE owner = ?", step.delta, step.owner)
		exec(step.s, "XA END '"+xid+"'")
		exec(step.s, "XA PREPARE '"+xid+"'")
	}
}

func balances(alice, bob shard, when string) {
	a, b := balance(alice, "Alice"), balance(bob, "Bob")
	fmt.Printf("%s: Alice %d, Bob %d, total %d\n", when, a, b, a+b)
}

func balance(s shard, owner string) int {
	var n int
	if err := s.db.QueryRow("SELECT balance FROM accounts WHERE owner = ?", owner).Scan(&n); err != nil {
		log.Fatalf("%s: %v", s.name, err)
	}
	return n
}

// recovered lists the transfers a shard has prepared and not yet decided.
func recovered(s shard) []string {
	rows, err := s.db.Query("XA RECOVER")
	if err != nil {
		log.Fatalf("%s: %v", s.name, err)
	}
	defer rows.Close()
	var xids []string
	for rows.Next() {
		var formatID, gtridLength, bqualLength int
		var data []byte
		if err := rows.Scan(&formatID, &gtridLength, &bqualLength, &data); err != nil {
			log.Fatal(err)
		}
		if xid := string(data[:gtridLength]); strings.HasPrefix(xid, "transfer-") {
			xids = append(xids, xid)
		}
	}
	return xids
}
