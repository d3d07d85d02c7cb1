package main

import (
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"tutorial/spans"

	"github.com/go-sql-driver/mysql"
)

const waitSeconds = 8

func main() {
	// The runner gives this run a database of its own on the primary
	// (CLUSTER_SCRATCH_DB); the replicas copy everything written into it.
	scratch := os.Getenv("CLUSTER_SCRATCH_DB")
	primary := open(os.Getenv("CLUSTER_PRIMARY"), scratch)
	defer primary.Close()
	// One connection: the GTID we ask for below is our own session's last write.
	primary.SetMaxOpenConns(1)
	delayed := open(os.Getenv("CLUSTER_REPLICA_DELAYED"), "database")
	defer delayed.Close()

	// Each step is a lane in the tutorial's timeline.
	spans.Start("write")
	must(primary.Exec("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))"))
	must(primary.Exec("INSERT INTO notes VALUES (1, 'written on the primary')"))
	gtid, waitQuery := lastWrite(primary)
	spans.End("write")
	fmt.Println("primary: wrote note 1")

	// The delayed replica applies each write a few seconds late: reading there now is a stale read.
	spans.Start("stale-read")
	stale := readNote(delayed, scratch)
	spans.End("stale-read")
	fmt.Printf("replica-delayed, right away: %s\n", stale)

	// Read-your-writes: wait until the replica has applied our write (by its GTID), then read.
	var result int
	spans.Start("wait-for-gtid")
	if err := delayed.QueryRow(waitQuery, gtid, waitSeconds).Scan(&result); err != nil {
		log.Fatal(err)
	}
	spans.End("wait-for-gtid")
	if result != 0 {
		fmt.Printf("replica-delayed did not apply the write within %d s\n", waitSeconds)
		return
	}
	spans.Start("fresh-read")
	fresh := readNote(delayed, scratch)
	spans.End("fresh-read")
	fmt.Printf("replica-delayed, after waiting for the write's GTID: %s\n", fresh)
}

func open(addr, database string) *sql.DB {
	db, err := sql.Open("mysql", "user:password@tcp("+addr+")/"+database)
	if err != nil {
		log.Fatal(err)
	}
	return db
}

// lastWrite returns what identifies our last write, and the query that waits
// for it on a replica: MariaDB and MySQL name both differently.
func lastWrite(primary *sql.DB) (gtid, waitQuery string) {
	var version string
	if err := primary.QueryRow("SELECT VERSION()").Scan(&version); err != nil {
		log.Fatal(err)
	}
	if strings.Contains(strings.ToLower(version), "mariadb") {
		gtid, waitQuery = "@@last_gtid", "SELECT MASTER_GTID_WAIT(?, ?) <> 0"
	} else {
		gtid, waitQuery = "@@GLOBAL.gtid_executed", "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) <> 0"
	}
	if err := primary.QueryRow("SELECT " + gtid).Scan(&gtid); err != nil {
		log.Fatal(err)
	}
	return gtid, waitQuery
}

func readNote(replica *sql.DB, scratch string) string {
	var body string
	err := replica.QueryRow("SELECT body FROM `" + scratch + "`.notes WHERE id = 1").Scan(&body)
	var mysqlErr *mysql.MySQLError
	switch {
	case err == nil:
		return fmt.Sprintf("note 1 = %q", body)
	// No row, no table, not even the database yet: the replica is behind.
	case errors.Is(err, sql.ErrNoRows), errors.As(err, &mysqlErr) && (mysqlErr.Number == 1146 || mysqlErr.Number == 1049):
		return "no note 1 yet (stale)"
	default:
		return err.Error()
	}
}

func must(_ sql.Result, err error) {
	if err != nil {
		log.Fatal(err)
	}
}
