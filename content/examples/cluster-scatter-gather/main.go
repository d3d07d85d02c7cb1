package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

const (
	perShardTimeout = 5 * time.Second
	// A shard this far behind the fastest one is reported as slow (the
	// shards are asked at once, so a busy machine delays them all alike).
	behindBy = time.Second
)

const shardTotals = `SELECT COUNT(DISTINCT c.id), COUNT(o.id), COALESCE(SUM(o.amount), 0)
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id`

type shard struct{ name, addr, database string }

type reply struct {
	customers, orders, amount int
	took                      time.Duration
	err                       error
}

func main() {
	// Each shard is a server of its own now. The runner puts their addresses
	// in the environment: CLUSTER_SHARD_1, CLUSTER_SHARD_2, CLUSTER_SHARD_3.
	shards := []shard{
		{"shard-1", os.Getenv("CLUSTER_SHARD_1"), "shard_1"},
		{"shard-2", os.Getenv("CLUSTER_SHARD_2"), "shard_2"},
		{"shard-3", os.Getenv("CLUSTER_SHARD_3"), "shard_3"},
	}

	// Scatter: one goroutine per shard server, each with its own deadline.
	replies := make([]reply, len(shards))
	var wg sync.WaitGroup
	for i, s := range shards {
		wg.Add(1)
		go func(i int, s shard) {
			defer wg.Done()
			replies[i] = queryShard(s)
		}(i, s)
	}
	wg.Wait()

	// Gather: every shard in a fixed order; what did not answer is named.
	var customers, orders, amount, answered int
	fastest := perShardTimeout
	for _, r := range replies {
		if r.err == nil && r.took < fastest {
			fastest = r.took
		}
	}
	var slow []string
	for i, s := range shards {
		r := replies[i]
		if r.err != nil {
			fmt.Printf("%s: failed: %s\n", s.name, describe(r.err))
			continue
		}
		answered++
		customers += r.customers
		orders += r.orders
		amount += r.amount
		fmt.Printf("%s: %d customers, %d orders, amount %d\n", s.name, r.customers, r.orders, r.amount)
		if r.took-fastest > behindBy {
			slow = append(slow, s.name)
		}
	}
	fmt.Printf("answered: %d of %d shards\n", answered, len(shards))
	fmt.Printf("total: %d customers, %d orders, amount %d\n", customers, orders, amount)
	if len(slow) == 0 {
		slow = append(slow, "none")
	}
	fmt.Printf("more than %v behind the fastest shard: %s\n", behindBy, strings.Join(slow, ", "))
}

func queryShard(s shard) reply {
	// Each shard server's query is a lane in the tutorial's timeline.
	spans.Start(s.name)
	defer spans.End(s.name)
	start := time.Now()
	db, err := sql.Open("mysql", "user:password@tcp("+s.addr+")/"+s.database)
	if err != nil {
		return reply{err: err}
	}
	defer db.Close()

	// The deadline covers connecting, querying and reading the row.
	ctx, cancel := context.WithTimeout(context.Background(), perShardTimeout)
	defer cancel()
	var r reply
	r.err = db.QueryRowContext(ctx, shardTotals).Scan(&r.customers, &r.orders, &r.amount)
	r.took = time.Since(start)
	return r
}

func describe(err error) string {
	var netErr net.Error
	switch {
	// Nothing listens at the address: the server is down.
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	// Connected, then silence: a partition or a frozen server looks like this.
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("no answer within %d ms", perShardTimeout.Milliseconds())
	default:
		return err.Error()
	}
}
