package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

// The runner gives this run a database of its own, with the same name, on
// shard-1, shard-2 and shard-3 (CLUSTER_SHARDS_DB).
var database = os.Getenv("CLUSTER_SHARDS_DB")

const (
	// How long the mover waits for the new shard before it gives up.
	moveTimeout = 3 * time.Second
	batchSize   = 25
)

// route sends the ids from..to to one shard.
type route struct {
	from, to int
	shard    string
}

// router is the table every read consults: which shard holds an id right now.
type router struct {
	mu     sync.RWMutex
	routes []route
}

func (r *router) lookup(id int) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, rt := range r.routes {
		if id >= rt.from && id <= rt.to {
			return rt.shard
		}
	}
	return ""
}

// set points from..to at shard: one change under the lock, seen by the next lookup.
func (r *router) set(from, to int, shard string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var routes []route
	for _, rt := range r.routes {
		if rt.to < from || rt.from > to {
			routes = append(routes, rt)
			continue
		}
		if rt.from < from {
			routes = append(routes, route{rt.from, from - 1, rt.shard})
		}
		if rt.to > to {
			routes = append(routes, route{to + 1, rt.to, rt.shard})
		}
	}
	r.routes = append(routes, route{from, to, shard})
}

// pass is one read of every id, 1..100, through the router.
type pass struct {
	found int
	reads map[string]int
}

// reader reads every id over and over until stopped, and publishes each pass.
type reader struct {
	mu      sync.Mutex
	changed *sync.Cond
	started int    // passes begun
	done    []pass // passes finished, in order
	missed  int    // reads that found nothing, over every pass
	stop    bool
}

func main() {
	shards := map[string]*sql.DB{
		"shard-1": connect("CLUSTER_SHARD_1"),
		"shard-3": connect("CLUSTER_SHARD_3"),
	}
	// Setup: 100 accounts on shard-1, one INSERT.
	exec(shards["shard-1"], "shard-1", "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)")
	values := make([]string, 0, 100)
	for id := 1; id <= 100; id++ {
		values = append(values, fmt.Sprintf("(%d, 'owner-%d', %d)", id, id, 1000+id))
	}
	exec(shards["shard-1"], "shard-1", "INSERT INTO accounts VALUES "+strings.Join(values, ", "))
	fmt.Println("shard-1:", describeShard(shards["shard-1"], "shard-1"))

	routes := &router{routes: []route{{1, 100, "shard-1"}}}
	r := &reader{}
	r.changed = sync.NewCond(&r.mu)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		r.run(routes, shards)
	}()
	r.report(r.nextPass())

	// Step 1: copy 51-100 to the new shard. Reads still go to shard-1.
	copied, err := copyRange(shards["shard-1"], shards["shard-3"], 51, 100)
	if err != nil {
		fmt.Printf("copy 51-100 to shard-3 failed: %s\n", describe(err))
		fmt.Println("move abandoned: every account stays on shard-1")
		r.report(r.nextPass())
		r.finish(finished)
		return
	}
	fmt.Printf("copy 51-100 to shard-3: %d rows\n", copied)
	r.report(r.nextPass())

	// Step 2: switch the route. From the next lookup on, reads of 51-100 go to shard-3.
	spans.Start("switch")
	routes.set(51, 100, "shard-3")
	spans.End("switch")
	fmt.Println("switch 51-100 to shard-3")
	// Drain: a read that looked up the old route just before the switch may still be
	// on its way to shard-1. Once a pass that started after the switch has finished, none is.
	r.report(r.nextPass())

	// Step 3: only now delete the old copies.
	spans.Start("delete")
	res, err := shards["shard-1"].Exec("DELETE FROM accounts WHERE id BETWEEN 51 AND 100")
	if err != nil {
		log.Fatalf("shard-1: %v", err)
	}
	deleted, _ := res.RowsAffected()
	spans.End("delete")
	fmt.Printf("delete 51-100 from shard-1: %d rows\n", deleted)
	r.report(r.nextPass())

	fmt.Printf("shard-1: %s, shard-3: %s\n", describeShard(shards["shard-1"], "shard-1"), describeShard(shards["shard-3"], "shard-3"))
	r.finish(finished)
}

// run is the reader goroutine: pass after pass, every id through the router.
func (r *reader) run(routes *router, shards map[string]*sql.DB) {
	spans.Start("reader")
	defer spans.End("reader")
	for {
		r.mu.Lock()
		if r.stop {
			r.mu.Unlock()
			return
		}
		r.started++
		r.mu.Unlock()

		p := pass{reads: map[string]int{}}
		for id := 1; id <= 100; id++ {
			shard := routes.lookup(id) // look up the route, then ask that shard
			var owner string
			err := shards[shard].QueryRow("SELECT owner FROM accounts WHERE id = ?", id).Scan(&owner)
			switch {
			case err == nil:
				p.found++
			case !errors.Is(err, sql.ErrNoRows):
				log.Fatalf("reader, %s: %v", shard, err)
			}
			p.reads[shard]++
		}

		r.mu.Lock()
		r.missed += 100 - p.found
		r.done = append(r.done, p)
		r.changed.Broadcast()
		r.mu.Unlock()
	}
}

// nextPass waits for the first pass that starts after this call, and returns it.
func (r *reader) nextPass() pass {
	r.mu.Lock()
	defer r.mu.Unlock()
	want := r.started + 1
	for len(r.done) < want {
		r.changed.Wait()
	}
	return r.done[want-1]
}

func (r *reader) report(p pass) {
	var reads []string
	for _, shard := range []string{"shard-1", "shard-3"} {
		if p.reads[shard] > 0 {
			reads = append(reads, fmt.Sprintf("%s %d", shard, p.reads[shard]))
		}
	}
	fmt.Printf("reader: %d of 100 found (%s)\n", p.found, strings.Join(reads, ", "))
}

// finish stops the reader after its current pass and prints what it missed, all passes counted.
func (r *reader) finish(finished chan struct{}) {
	r.mu.Lock()
	r.stop = true
	r.mu.Unlock()
	<-finished
	fmt.Printf("missed reads during the move: %d\n", r.missed)
}

// copyRange copies ids from..to in batches; the whole copy has one deadline.
func copyRange(from, to *sql.DB, first, last int) (int, error) {
	spans.Start("copy")
	defer spans.End("copy")
	ctx, cancel := context.WithTimeout(context.Background(), moveTimeout)
	defer cancel()
	if _, err := to.ExecContext(ctx, "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)"); err != nil {
		return 0, err
	}
	copied := 0
	for start := first; start <= last; start += batchSize {
		end := start + batchSize - 1
		if end > last {
			end = last
		}
		rows, err := from.QueryContext(ctx, "SELECT id, owner, balance FROM accounts WHERE id BETWEEN ? AND ? ORDER BY id", start, end)
		if err != nil {
			return copied, err
		}
		var values []string
		var args []any
		for rows.Next() {
			var id, balance int
			var owner string
			if err := rows.Scan(&id, &owner, &balance); err != nil {
				rows.Close()
				return copied, err
			}
			values = append(values, "(?, ?, ?)")
			args = append(args, id, owner, balance)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return copied, err
		}
		if len(values) == 0 {
			continue
		}
		if _, err := to.ExecContext(ctx, "INSERT INTO accounts VALUES "+strings.Join(values, ", "), args...); err != nil {
			return copied, err
		}
		copied += len(values)
	}
	return copied, nil
}

func connect(env string) *sql.DB {
	db, err := sql.Open("mysql", "user:password@tcp("+os.Getenv(env)+")/"+database)
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(2)
	return db
}

func exec(db *sql.DB, name, query string) {
	if _, err := db.Exec(query); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

// describeShard says how many accounts a shard holds, and which ids.
func describeShard(db *sql.DB, name string) string {
	var count int
	var first, last sql.NullInt64
	if err := db.QueryRow("SELECT COUNT(*), MIN(id), MAX(id) FROM accounts").Scan(&count, &first, &last); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	if count == 0 {
		return "0 accounts"
	}
	return fmt.Sprintf("%d accounts (%d-%d)", count, first.Int64, last.Int64)
}

func describe(err error) string {
	var netErr net.Error
	switch {
	// Nothing listens at the address: the server is down.
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	// Connected, then silence: a partition looks like this.
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("no answer within %d ms", moveTimeout.Milliseconds())
	default:
		return err.Error()
	}
}
