package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	if err := printUsers(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

// printUsers returns its errors instead of printing them, so main decides
// how the program ends.
func printUsers() error {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+os.Getenv("SCRATCH_DB"))
	if err != nil {
		return fmt.Errorf("MySQL settings: %w", err)
	}
	defer db.Close()

	// Named columns: the table's own column order no longer matters.
	rows, err := db.Query("SELECT id, name FROM users ORDER BY id")
	if err != nil {
		return fmt.Errorf("query users: %w", err)
	}
	defer rows.Close()

	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("read a user: %w", err)
		}
		fmt.Println("User ID:", id, "Name:", name)
	}
	// Next also returns false when reading failed halfway: only Err tells.
	return rows.Err()
}
