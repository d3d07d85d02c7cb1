package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"

	_ "github.com/go-sql-driver/mysql"
)

type shardTotal struct {
	orders int
	amount int
}

// queryShard asks one shard for its order count and sum. Table names cannot
// be placeholders; these come from the configuration, never from a user.
func queryShard(db *sql.DB, shard string) (shardTotal, error) {
	var total shardTotal
	err := db.QueryRow("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM "+shard).Scan(&total.orders, &total.amount)
	return total, err
}

func main() {
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+os.Getenv("SCRATCH_DB"))
	if err != nil {
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	shards := strings.Split(os.Getenv("SHARDS"), ",")
	totals := make([]shardTotal, len(shards))
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, shard := range shards {
		wg.Add(1)
		go func(i int, shard string) {
			defer wg.Done()
			totals[i], errs[i] = queryShard(db, shard)
		}(i, shard)
	}
	wg.Wait()

	// All or nothing: one failed shard fails the whole answer.
	for i, err := range errs {
		if err != nil {
			fmt.Printf("error: %s: %v\n", shards[i], err)
			os.Exit(1)
		}
	}
	var sum shardTotal
	for i, shard := range shards {
		fmt.Printf("%s: %d orders, %d\n", shard, totals[i].orders, totals[i].amount)
		sum.orders += totals[i].orders
		sum.amount += totals[i].amount
	}
	fmt.Printf("total: %d orders, %d (%d of %d shards)\n", sum.orders, sum.amount, len(shards), len(shards))
}
