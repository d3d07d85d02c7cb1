package main

import (
	"database/sql"
	"fmt"
	"log"
	"os"
	"strconv"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

var userID, _ = strconv.Atoi(os.Getenv("USER_ID"))

// The deadline each node gets, from connecting to reading the row.
var deadline = func() time.Duration {
	ms, err := strconv.Atoi(os.Getenv("DEADLINE_MS"))
	if err != nil {
		ms = 2000
	}
	return time.Duration(ms) * time.Millisecond
}()

func main() {
	_ = deadline
	// TODO: when the primary cannot answer (within the deadline), try CLUSTER_REPLICA, then CLUSTER_REPLICA_DELAYED.
	db, err := sql.Open("mysql", "user:password@tcp("+os.Getenv("CLUSTER_PRIMARY")+")/database")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	var name string
	if err := db.QueryRow("SELECT name FROM users WHERE id = ?", userID).Scan(&name); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("read from primary: user %d = %s\n", userID, name)
	fmt.Println("writes: available")
}
