package main

import (
	"database/sql"
	"fmt"
	"sync"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

const workers = 3
const customers = 12

// SLEEP(0.05) stands in for real per-customer work, so the queries overlap.
const totalsQuery = "SELECT COUNT(*), COALESCE(SUM(amount), 0), SLEEP(0.05) FROM orders WHERE customer_id = ?"

type result struct {
	customerID int
	shard      int
	orders     int
	amount     int
	err        error
}

func main() {
	// The data is sharded by customer id: customer n lives on shard_(n % 3 + 1).
	shards := make([]*sql.DB, 3)
	for i := range shards {
		db, err := sql.Open("mysql", fmt.Sprintf("user:password@tcp(localhost:3306)/shard_%d", i+1))
		if err != nil {
			// sql.Open dials nothing: it can only fail on a bad driver name or DSN.
			fmt.Println("Error in the MySQL settings:", err.Error())
			return
		}
		defer db.Close()
		shards[i] = db
	}

	jobs := make(chan int)
	results := make(chan result)
	var mu sync.Mutex
	inFlight, maxInFlight := 0, 0

	// A fixed number of goroutines take jobs from one channel: however many
	// jobs there are, at most `workers` queries run at once.
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		// Each worker is a lane in the tutorial's timeline, with a bar per query.
		worker := fmt.Sprintf("worker-%d", w+1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				spans.Start(worker)
				mu.Lock()
				inFlight++
				if inFlight > maxInFlight {
					maxInFlight = inFlight
				}
				mu.Unlock()

				r := result{customerID: id, shard: id%3 + 1}
				var slept int
				r.err = shards[id%3].QueryRow(totalsQuery, id).Scan(&r.orders, &r.amount, &slept)

				mu.Lock()
				inFlight--
				mu.Unlock()
				spans.End(worker)
				results <- r
			}
		}()
	}

	// Feed the jobs, then close the channel so the workers' loops end.
	go func() {
		for id := 1; id <= customers; id++ {
			jobs <- id
		}
		close(jobs)
	}()
	// Close results once every worker has returned, so the loop below ends.
	go func() {
		wg.Wait()
		close(results)
	}()

	// Results arrive in any order; keep them by id and print them in order.
	byID := make(map[int]result)
	for r := range results {
		byID[r.customerID] = r
	}
	for id := 1; id <= customers; id++ {
		r := byID[id]
		if r.err != nil {
			fmt.Printf("customer %d (shard_%d): error: %v\n", id, r.shard, r.err)
			continue
		}
		fmt.Printf("customer %d (shard_%d): total %d, orders %d\n", id, r.shard, r.amount, r.orders)
	}
	fmt.Printf("%d customers, %d workers: at most %d queries were in flight at once\n", customers, workers, maxInFlight)
}
