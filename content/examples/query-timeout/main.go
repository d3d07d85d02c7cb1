package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

const slowQuery = "SELECT SLEEP(2)"

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/shard_1")
	if err != nil {
		// sql.Open dials nothing: it can only fail on a bad driver name or DSN.
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()
	background := context.Background()

	// One connection of our own, so we know its id on the server.
	conn, err := db.Conn(background)
	if err != nil {
		fmt.Println("Error connecting to MySQL:", err.Error())
		return
	}
	var connectionID int64
	if err := conn.QueryRowContext(background, "SELECT CONNECTION_ID()").Scan(&connectionID); err != nil {
		fmt.Println("Error:", err.Error())
		return
	}

	// The deadline covers everything done with ctx; cancel releases its timer.
	ctx, cancel := context.WithTimeout(background, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	var slept int
	// How long we waited is a lane in the tutorial's timeline.
	spans.Start("slow-query")
	err = conn.QueryRowContext(ctx, slowQuery).Scan(&slept)
	spans.End("slow-query")
	waited := time.Since(start)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Println(slowQuery, "with a 300 ms deadline: deadline exceeded")
	case err != nil:
		fmt.Println(slowQuery, "failed:", err.Error())
	default:
		fmt.Println(slowQuery, "finished before the deadline")
	}
	fmt.Println("we waited less than the query's 2 s:", waited < time.Second)
	// The driver closed that TCP connection when the deadline passed; handing it
	// back lets the pool throw it away.
	conn.Close()

	// The server has not noticed: it is still sleeping for a client that left.
	running, err := stillRunning(db, connectionID)
	if err != nil {
		fmt.Println("Error:", err.Error())
		return
	}
	fmt.Println("server still running the abandoned query:", running)

	// KILL QUERY stops the statement, not the connection. An account may always
	// kill its own queries; other accounts' need a privilege.
	spans.Start("kill-query")
	_, err = db.Exec(fmt.Sprintf("KILL QUERY %d", connectionID))
	spans.End("kill-query")
	if err != nil {
		fmt.Println("Error:", err.Error())
		return
	}
	for deadline := time.Now().Add(time.Second); running && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		if running, err = stillRunning(db, connectionID); err != nil {
			fmt.Println("Error:", err.Error())
			return
		}
	}
	fmt.Println("after KILL QUERY, still running:", running)

	// The pool opens a fresh connection for the next query.
	var customers int
	if err := db.QueryRow("SELECT COUNT(*) FROM customers").Scan(&customers); err != nil {
		fmt.Println("Error:", err.Error())
		return
	}
	fmt.Println("the pool still works:", customers, "customers on shard_1")
}

// Looks at the server's process list: is this connection still executing the slow query?
func stillRunning(db *sql.DB, connectionID int64) (bool, error) {
	var count int
	err := db.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO = ?", connectionID, slowQuery).Scan(&count)
	return count > 0, err
}
