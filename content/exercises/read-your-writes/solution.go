package main

import (
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/go-sql-driver/mysql"
)

// Well above the replica's delay.
const waitSeconds = 8

var (
	scratch   = os.Getenv("CLUSTER_SCRATCH_DB")
	noteID, _ = strconv.Atoi(os.Getenv("NOTE_ID"))
	note      = os.Getenv("NOTE")
)

func main() {
	primary := open(os.Getenv("CLUSTER_PRIMARY"), scratch)
	defer primary.Close()
	// One connection: a session's last write is that connection's own.
	primary.SetMaxOpenConns(1)
	delayed := open(os.Getenv("CLUSTER_REPLICA_DELAYED"), "database")
	defer delayed.Close()

	must(primary.Exec("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))"))
	must(primary.Exec("INSERT INTO notes VALUES (?, ?)", noteID, note))
	// Our write's GTID (MariaDB), asked on the connection that wrote.
	var gtid string
	if err := primary.QueryRow("SELECT @@last_gtid").Scan(&gtid); err != nil {
		log.Fatal(err)
	}

	// Wait on the delayed replica until it has applied our write: 0 when applied, -1 when the time ran out.
	var result int
	if err := delayed.QueryRow("SELECT MASTER_GTID_WAIT(?, ?)", gtid, waitSeconds).Scan(&result); err != nil {
		log.Fatal(err)
	}
	if result != 0 {
		fmt.Printf("replica-delayed did not apply the write within %d s\n", waitSeconds)
	}
	fmt.Printf("replica-delayed: %s\n", readNote(delayed))
}

func open(addr, database string) *sql.DB {
	db, err := sql.Open("mysql", "user:password@tcp("+addr+")/"+database)
	if err != nil {
		log.Fatal(err)
	}
	return db
}

func readNote(replica *sql.DB) string {
	var body string
	err := replica.QueryRow("SELECT body FROM `"+scratch+"`.notes WHERE id = ?", noteID).Scan(&body)
	var mysqlErr *mysql.MySQLError
	switch {
	case err == nil:
		return fmt.Sprintf("note %d = %s", noteID, body)
	// No row, no table, not even the database yet: the replica is behind.
	case errors.Is(err, sql.ErrNoRows), errors.As(err, &mysqlErr) && (mysqlErr.Number == 1146 || mysqlErr.Number == 1049):
		return fmt.Sprintf("no note %d yet", noteID)
	default:
		return err.Error()
	}
}

func must(_ sql.Result, err error) {
	if err != nil {
		log.Fatal(err)
	}
}
