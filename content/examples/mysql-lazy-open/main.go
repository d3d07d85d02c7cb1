package main

import (
	"database/sql"
	"errors"
	"fmt"
	"tutorial/spans"

	"github.com/go-sql-driver/mysql"
)

// check opens a pool with the given DSN, then pings it, and says which of
// the two steps reported a problem.
func check(label, dsn string) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		fmt.Println(label, "open:", err)
		return
	}
	defer db.Close()
	fmt.Println(label, "open: ok (nothing dialed yet)")

	// Ping takes a connection from the pool, so it dials and logs in.
	err = db.Ping()
	var mysqlErr *mysql.MySQLError
	switch {
	case err == nil:
		fmt.Println(label, "ping: ok")
	case errors.As(err, &mysqlErr):
		// The server's error number is stable; its message text is not.
		fmt.Println(label, "ping: MySQL error", mysqlErr.Number)
	default:
		fmt.Println(label, "ping:", err)
	}
}

func main() {
	// Each check is a lane in the tutorial's timeline.
	spans.Start("wrong-password")
	check("[wrong password]", "user:wrong-password@tcp(localhost:3306)/database")
	spans.End("wrong-password")
	spans.Start("right-password")
	check("[right password]", "user:password@tcp(localhost:3306)/database")
	spans.End("right-password")
}
