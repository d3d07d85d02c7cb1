package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	dsn := "user:" + os.Getenv("MYSQL_PASSWORD") + "@tcp(localhost:3306)/" + os.Getenv("SCRATCH_DB")
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error in the MySQL settings:", err)
		os.Exit(1)
	}
	defer db.Close()

	// sql.Open has not talked to the server yet.
	fmt.Println("connected")

	var count int
	if err := db.QueryRow("SELECT COUNT(*) FROM users").Scan(&count); err != nil {
		fmt.Fprintln(os.Stderr, "Error counting users:", err)
		os.Exit(1)
	}
	fmt.Println("users:", count)
}
