package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+os.Getenv("SCRATCH_DB"))
	if err != nil {
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	seconds, _ := strconv.Atoi(os.Getenv("SLEEP_SECONDS"))
	deadlineMs, _ := strconv.Atoi(os.Getenv("DEADLINE_MS"))

	// At the deadline the driver stops waiting and closes this query's
	// connection; the pool opens a fresh one for the next query.
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(deadlineMs)*time.Millisecond)
	defer cancel()
	var slept int
	err = db.QueryRowContext(ctx, "SELECT SLEEP(?)", seconds).Scan(&slept)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Println("slow query: deadline exceeded")
	case err != nil:
		fmt.Println("slow query: error:", err.Error())
	default:
		fmt.Println("slow query: finished")
	}

	var token string
	if err := db.QueryRow("SELECT token FROM probe").Scan(&token); err != nil {
		fmt.Println("probe: error:", err.Error())
		return
	}
	fmt.Println("token:", token)
}
