package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+os.Getenv("SCRATCH_DB"))
	if err != nil {
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	name := os.Getenv("NAME")
	// The SQL text is fixed; the name travels separately as a value (a
	// server-side prepared statement), so it can only ever be a name.
	rows, err := db.Query("SELECT id, name, city FROM customers WHERE name = ? ORDER BY id", name)
	if err != nil {
		fmt.Println("error:", err.Error())
		os.Exit(1)
	}
	defer rows.Close()

	count := 0
	for rows.Next() {
		var id int
		var name, city string
		if err := rows.Scan(&id, &name, &city); err != nil {
			fmt.Println("error:", err.Error())
			os.Exit(1)
		}
		fmt.Printf("%d %s (%s)\n", id, name, city)
		count++
	}
	if err := rows.Err(); err != nil {
		fmt.Println("error:", err.Error())
		os.Exit(1)
	}
	fmt.Println("rows:", count)
}
