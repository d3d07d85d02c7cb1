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
		fmt.Println("Error connecting to MySQL:", err.Error())
		return
	}
	defer db.Close()

	// 쿼리 수행
	rows, err := db.Query("SELECT * FROM users")
	if err != nil {
		fmt.Println("Error executing query:", err.Error())
		return
	}
	defer rows.Close()

	for rows.Next() {
		// 데이터 처리 로직
		var id int
		var name string
		err := rows.Scan(&id, &name)
		if err != nil {
			fmt.Println("Error scanning row:", err.Error())
			continue
		}

		fmt.Println("User ID:", id, "Name:", name)
	}
}
