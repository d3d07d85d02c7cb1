package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"

	_ "github.com/go-sql-driver/mysql"
)

// printAmount looks one order up; the query takes about 200 ms.
func printAmount(db *sql.DB, id string) {
	var amount int
	err := db.QueryRow("SELECT amount FROM orders, (SELECT SLEEP(0.2)) AS work WHERE id = ?", id).Scan(&amount)
	if err != nil {
		fmt.Printf("order %s: error: %v\n", id, err)
		return
	}
	fmt.Printf("order %s: %d\n", id, amount)
}

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+os.Getenv("SCRATCH_DB"))
	if err != nil {
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	ids := strings.Split(os.Getenv("ORDER_IDS"), ",")

	// Every query at once: as many goroutines, and connections, as orders.
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			printAmount(db, id)
		}(id)
	}
	wg.Wait()
}
