package main

import (
	"database/sql"
	"fmt"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/shard_2")
	if err != nil {
		// sql.Open dials nothing: it can only fail on a bad driver name or DSN.
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	// What a search box might receive: one honest name, then two attacks.
	inputs := []string{
		"Alice",
		"nobody' OR '1'='1",
		"x' UNION SELECT id, name, 'users table' FROM `database`.users WHERE '1'='1",
	}

	for _, name := range inputs {
		fmt.Printf("name = %q\n", name)

		// Dangerous: the input is pasted into the SQL text, so its quotes end
		// the string literal and the rest of it is read as SQL.
		// Each query is a bar in the tutorial's timeline.
		query := "SELECT id, name, city FROM customers WHERE name = '" + name + "' ORDER BY id"
		spans.Start("string-built")
		printRows("string-built", db, query)
		spans.End("string-built")

		// Safe: the SQL text is fixed and the input travels separately as a
		// value (a server-side prepared statement), so it can only be a name.
		spans.Start("placeholder")
		printRows("placeholder ", db, "SELECT id, name, city FROM customers WHERE name = ? ORDER BY id", name)
		spans.End("placeholder")
	}
}

func printRows(label string, db *sql.DB, query string, args ...any) {
	rows, err := db.Query(query, args...)
	if err != nil {
		fmt.Printf("  %s: error: %v\n", label, err)
		return
	}
	defer rows.Close()

	var found []string
	for rows.Next() {
		var id int
		var name, city string
		if err := rows.Scan(&id, &name, &city); err != nil {
			fmt.Printf("  %s: error: %v\n", label, err)
			return
		}
		found = append(found, fmt.Sprintf("%d %s (%s)", id, name, city))
	}
	// Next also returns false when reading failed halfway: only Err tells.
	if err := rows.Err(); err != nil {
		fmt.Printf("  %s: error: %v\n", label, err)
		return
	}
	if len(found) == 1 {
		fmt.Printf("  %s: 1 row\n", label)
	} else {
		fmt.Printf("  %s: %d rows\n", label, len(found))
	}
	for _, row := range found {
		fmt.Println("    " + row)
	}
}
