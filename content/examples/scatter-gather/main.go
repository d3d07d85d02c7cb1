package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"
	"tutorial/spans"

	"github.com/go-sql-driver/mysql"
)

// shard_4 is in the map but was never created: it fails like a shard whose
// server is misconfigured, with a real MySQL error.
var shards = []string{"shard_1", "shard_2", "shard_3", "shard_4"}

const perShardTimeout = 2 * time.Second

const customerTotals = `SELECT c.id, c.name, c.city, COUNT(o.id), COALESCE(SUM(o.amount), 0)
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name, c.city`

type customerTotal struct {
	id             int
	name, city     string
	orders, amount int
}

type shardReply struct {
	shard     string
	customers []customerTotal
	err       error
}

func main() {
	// Scatter: one goroutine per shard, each with its own deadline.
	replies := make([]shardReply, len(shards))
	var wg sync.WaitGroup
	for i, shard := range shards {
		wg.Add(1)
		go func(i int, shard string) {
			defer wg.Done()
			replies[i] = queryShard(shard)
		}(i, shard)
	}
	wg.Wait()

	// Gather: report every shard in a fixed order, keep what answered.
	var all []customerTotal
	var missing []string
	for _, reply := range replies {
		if reply.err != nil {
			fmt.Printf("%s: failed: %s\n", reply.shard, describe(reply.err))
			missing = append(missing, reply.shard)
			continue
		}
		fmt.Printf("%s: %d customers\n", reply.shard, len(reply.customers))
		all = append(all, reply.customers...)
	}
	if len(missing) > 0 {
		fmt.Printf("partial result: %d of %d shards answered, missing %s\n", len(shards)-len(missing), len(shards), strings.Join(missing, ", "))
	}

	printCityTotals(all)
	printTopCustomers(all, 3)
}

func queryShard(shard string) shardReply {
	// Each shard's query is a lane in the tutorial's timeline.
	spans.Start(shard)
	defer spans.End(shard)
	reply := shardReply{shard: shard}
	// In production each shard is its own server with its own pool; here they
	// are databases on one server.
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+shard)
	if err != nil {
		reply.err = err
		return reply
	}
	defer db.Close()

	// The deadline covers connecting, querying and reading every row.
	ctx, cancel := context.WithTimeout(context.Background(), perShardTimeout)
	defer cancel()
	rows, err := db.QueryContext(ctx, customerTotals)
	if err != nil {
		reply.err = err
		return reply
	}
	defer rows.Close()
	for rows.Next() {
		var c customerTotal
		if err := rows.Scan(&c.id, &c.name, &c.city, &c.orders, &c.amount); err != nil {
			reply.err = err
			return reply
		}
		reply.customers = append(reply.customers, c)
	}
	reply.err = rows.Err()
	return reply
}

func describe(err error) string {
	var mysqlErr *mysql.MySQLError
	var netErr net.Error
	switch {
	// A connection attempt cut off by the deadline fails with a network
	// timeout ("i/o timeout") rather than context.DeadlineExceeded.
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("no answer within %d ms", perShardTimeout.Milliseconds())
	case errors.As(err, &mysqlErr):
		return fmt.Sprintf("MySQL error %d", mysqlErr.Number)
	default:
		return err.Error()
	}
}

func printCityTotals(all []customerTotal) {
	type cityTotal struct {
		city           string
		orders, amount int
	}
	byCity := map[string]*cityTotal{}
	for _, c := range all {
		total, ok := byCity[c.city]
		if !ok {
			total = &cityTotal{city: c.city}
			byCity[c.city] = total
		}
		total.orders += c.orders
		total.amount += c.amount
	}
	cities := make([]*cityTotal, 0, len(byCity))
	for _, total := range byCity {
		cities = append(cities, total)
	}
	// Map order is random in Go: sort, with a tie-breaker, for a stable report.
	sort.Slice(cities, func(i, j int) bool {
		if cities[i].amount != cities[j].amount {
			return cities[i].amount > cities[j].amount
		}
		return cities[i].city < cities[j].city
	})
	fmt.Println("order amount per city:")
	for _, total := range cities {
		fmt.Printf("  %s: %d (orders: %d)\n", total.city, total.amount, total.orders)
	}
}

func printTopCustomers(all []customerTotal, n int) {
	sorted := append([]customerTotal(nil), all...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].amount != sorted[j].amount {
			return sorted[i].amount > sorted[j].amount
		}
		return sorted[i].id < sorted[j].id
	})
	fmt.Printf("top %d customers:\n", n)
	for i := 0; i < n && i < len(sorted); i++ {
		c := sorted[i]
		fmt.Printf("  %d. %s (%s): %d\n", i+1, c.name, c.city, c.amount)
	}
}
