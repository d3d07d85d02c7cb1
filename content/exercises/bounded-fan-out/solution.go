package main

import (
	"database/sql"
	"fmt"
	"os"
	"strconv"
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
	limit, err := strconv.Atoi(os.Getenv("LIMIT"))
	if err != nil || limit < 1 {
		fmt.Println("LIMIT must be a positive number")
		return
	}
	// Each worker keeps its connection between jobs instead of closing it.
	db.SetMaxIdleConns(limit)

	// A worker pool: exactly `limit` goroutines, each taking the next order
	// from the channel, so never more than `limit` queries at once.
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < limit; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				printAmount(db, id)
			}
		}()
	}
	for _, id := range ids {
		jobs <- id
	}
	close(jobs)
	wg.Wait()
}
