package main

import (
	"database/sql"
	"fmt"
	"os"
	"strconv"

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

	// No deadline: this waits as long as the query takes.
	var slept int
	if err := db.QueryRow("SELECT SLEEP(?)", seconds).Scan(&slept); err != nil {
		fmt.Println("slow query: error:", err.Error())
	} else {
		fmt.Println("slow query: finished")
	}

	var token string
	if err := db.QueryRow("SELECT token FROM probe").Scan(&token); err != nil {
		fmt.Println("probe: error:", err.Error())
		return
	}
	fmt.Println("token:", token)
}
