package main

import (
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

type reply struct {
	orders, amount int
	err            error
}

type shard struct{ name, addr, database string }

var minAmount, _ = strconv.Atoi(os.Getenv("MIN_AMOUNT"))

// The deadline each shard gets, from connecting to reading its row.
var deadline = func() time.Duration {
	ms, err := strconv.Atoi(os.Getenv("DEADLINE_MS"))
	if err != nil {
		ms = 2000
	}
	return time.Duration(ms) * time.Millisecond
}()

func queryShard(s shard) reply {
	db, err := sql.Open("mysql", "user:password@tcp("+s.addr+")/"+s.database)
	if err != nil {
		return reply{err: err}
	}
	defer db.Close()
	// TODO: a shard that never answers keeps this waiting forever. Give up after the deadline.
	var r reply
	r.err = db.QueryRow("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM orders WHERE amount >= ?", minAmount).Scan(&r.orders, &r.amount)
	return r
}

func main() {
	shards := []shard{
		{"shard-1", os.Getenv("CLUSTER_SHARD_1"), "shard_1"},
		{"shard-2", os.Getenv("CLUSTER_SHARD_2"), "shard_2"},
		{"shard-3", os.Getenv("CLUSTER_SHARD_3"), "shard_3"},
	}
	_ = deadline

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

	var orders, amount, answered int
	for i, s := range shards {
		r := replies[i]
		if r.err != nil {
			fmt.Printf("%s: failed: %v\n", s.name, r.err)
			continue
		}
		answered++
		orders += r.orders
		amount += r.amount
		fmt.Printf("%s: %d orders, amount %d\n", s.name, r.orders, r.amount)
	}
	fmt.Printf("total: %d orders, amount %d (%d of %d shards)\n", orders, amount, answered, len(shards))
}
