package main

import (
	"database/sql"
	"fmt"
	"sync"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

// SLEEP(0.1) stands in for a slow query: each lookup holds its connection for
// 100 ms, so the lookups overlap and have to share the pool.
const lookup = "SELECT name, city, CONNECTION_ID(), SLEEP(0.1) FROM customers WHERE id = ?"

func main() {
	// sql.Open creates a pool, not a connection: connections are opened on demand.
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/shard_2")
	if err != nil {
		// sql.Open dials nothing: it can only fail on a bad driver name or DSN.
		fmt.Println("Error in the MySQL settings:", err.Error())
		return
	}
	defer db.Close()

	// At most two connections at once; a third query waits for a free one.
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(2)
	db.SetConnMaxLifetime(time.Minute)

	// Prepared once here; database/sql prepares it again on each pooled
	// connection that runs it, and closes it everywhere on stmt.Close().
	stmt, err := db.Prepare(lookup)
	if err != nil {
		fmt.Println("Error preparing statement:", err.Error())
		return
	}
	defer stmt.Close()

	ids := []int{1, 4, 7, 10}
	lines := make([]string, len(ids))
	var mu sync.Mutex
	connections := map[int64]bool{}
	var wg sync.WaitGroup
	start := time.Now()

	for i, id := range ids {
		wg.Add(1)
		go func(i, id int) {
			defer wg.Done()
			// Each lookup is a lane in the tutorial's timeline: waiting for a connection, then the query.
			task := fmt.Sprintf("customer-%d", id)
			spans.Start(task)
			defer spans.End(task)
			var name, city string
			var connectionID int64
			var slept int
			// The id travels as a value beside the statement, never inside the SQL text.
			if err := stmt.QueryRow(id).Scan(&name, &city, &connectionID, &slept); err != nil {
				lines[i] = fmt.Sprintf("customer %d: error: %v", id, err)
				return
			}
			lines[i] = fmt.Sprintf("customer %d: %s (%s)", id, name, city)
			mu.Lock()
			connections[connectionID] = true
			mu.Unlock()
		}(i, id)
	}
	wg.Wait()
	elapsed := time.Since(start)

	for _, line := range lines {
		fmt.Println(line)
	}
	fmt.Printf("%d lookups shared %d connections (limit 2)\n", len(ids), len(connections))
	fmt.Println("took at least 2 x 100 ms, because only two ran at a time:", elapsed >= 200*time.Millisecond)
}
