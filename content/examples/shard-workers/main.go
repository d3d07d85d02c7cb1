package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-sql-driver/mysql"
)

// The wire protocol, one JSON object per line:
//
//	request: {"query":"customer_totals"}
//	reply:   {"customers":[{"id":3,"name":"박지호","city":"Incheon","orders":1,"amount":8800}]}
//	or:      {"error":"MySQL error 1044"}
type request struct {
	Query string `json:"query"`
}

type customerTotal struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	City   string `json:"city"`
	Orders int    `json:"orders"`
	Amount int    `json:"amount"`
}

type reply struct {
	Customers []customerTotal `json:"customers,omitempty"`
	Error     string          `json:"error,omitempty"`
}

const timeout = 500 * time.Millisecond

const customerTotals = `SELECT c.id, c.name, c.city, COUNT(o.id), COALESCE(SUM(o.amount), 0)
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name, c.city`

func main() {
	// One worker per shard, each a TCP server on a free port of its own.
	// shard_3's worker will get stuck; shard_4 was never created.
	shards := []string{"shard_1", "shard_2", "shard_3", "shard_4"}
	var workers []*worker
	defer func() {
		for _, w := range workers {
			w.stop()
		}
		fmt.Printf("stopped %d shard workers\n", len(workers))
	}()
	for _, shard := range shards {
		w, err := startWorker(shard, shard == "shard_3")
		if err != nil {
			fmt.Println("Error starting a worker:", err.Error())
			return
		}
		workers = append(workers, w)
	}
	fmt.Printf("started %d shard workers\n", len(workers))

	// Scatter: ask every worker at once over TCP.
	replies := make([][]customerTotal, len(workers))
	errs := make([]error, len(workers))
	var wg sync.WaitGroup
	for i, w := range workers {
		wg.Add(1)
		go func(i int, addr string) {
			defer wg.Done()
			replies[i], errs[i] = ask(addr)
		}(i, w.listener.Addr().String())
	}
	wg.Wait()

	// Gather: report every shard in a fixed order, keep what answered.
	var all []customerTotal
	var missing []string
	for i, w := range workers {
		if errs[i] != nil {
			fmt.Printf("%s: failed: %s\n", w.shard, describe(errs[i]))
			missing = append(missing, w.shard)
			continue
		}
		fmt.Printf("%s: %d customers\n", w.shard, len(replies[i]))
		all = append(all, replies[i]...)
	}
	if len(missing) > 0 {
		fmt.Printf("partial result: %d of %d shards answered, missing %s\n", len(workers)-len(missing), len(workers), strings.Join(missing, ", "))
	}
	printCityTotals(all)
	printTopCustomers(all, 3)
}

// ---- the coordinator's side ----

type workerError string

func (e workerError) Error() string { return string(e) }

func ask(addr string) ([]customerTotal, error) {
	// One deadline for the whole exchange: connect, send, wait for the reply.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	// A socket does not watch a context: give it the same deadline.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)

	if err := json.NewEncoder(conn).Encode(request{Query: "customer_totals"}); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(conn).ReadBytes('\n')
	if err != nil {
		return nil, err
	}
	var rep reply
	if err := json.Unmarshal(line, &rep); err != nil {
		return nil, err
	}
	if rep.Error != "" {
		return nil, workerError(rep.Error)
	}
	return rep.Customers, nil
}

func describe(err error) string {
	var reported workerError
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer within %d ms", timeout.Milliseconds())
	case errors.As(err, &reported):
		return "the worker reported " + string(reported)
	default:
		return err.Error()
	}
}

// ---- the worker's side ----

type worker struct {
	shard    string
	stuck    bool
	listener net.Listener
	db       *sql.DB
	done     chan struct{}  // closed by stop, which ends a stuck request
	wg       sync.WaitGroup // the accept loop and every connection
}

func startWorker(shard string, stuck bool) (*worker, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+shard)
	if err != nil {
		listener.Close()
		return nil, err
	}
	w := &worker{shard: shard, stuck: stuck, listener: listener, db: db, done: make(chan struct{})}
	w.wg.Add(1)
	go w.acceptLoop()
	return w, nil
}

func (w *worker) acceptLoop() {
	defer w.wg.Done()
	for {
		conn, err := w.listener.Accept()
		if err != nil {
			return // the listener was closed by stop
		}
		w.wg.Add(1)
		go w.serve(conn)
	}
}

func (w *worker) serve(conn net.Conn) {
	defer w.wg.Done()
	defer conn.Close()
	lines := bufio.NewScanner(conn)
	for lines.Scan() {
		var req request
		var rep reply
		switch err := json.Unmarshal(lines.Bytes(), &req); {
		case err != nil || req.Query != "customer_totals":
			rep.Error = "unknown request"
		case w.stuck:
			// Plays a stuck worker (a lock wait, a full disk, a long pause):
			// the connection stays open and no answer ever comes.
			<-w.done
			return
		default:
			rep = w.customerTotals()
		}
		if err := json.NewEncoder(conn).Encode(rep); err != nil {
			return
		}
	}
}

func (w *worker) customerTotals() reply {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	rows, err := w.db.QueryContext(ctx, customerTotals)
	if err != nil {
		return reply{Error: describeMySQL(err)}
	}
	defer rows.Close()
	var rep reply
	for rows.Next() {
		var c customerTotal
		if err := rows.Scan(&c.ID, &c.Name, &c.City, &c.Orders, &c.Amount); err != nil {
			return reply{Error: describeMySQL(err)}
		}
		rep.Customers = append(rep.Customers, c)
	}
	if err := rows.Err(); err != nil {
		return reply{Error: describeMySQL(err)}
	}
	return rep
}

func describeMySQL(err error) string {
	var mysqlErr *mysql.MySQLError
	if errors.As(err, &mysqlErr) {
		return fmt.Sprintf("MySQL error %d", mysqlErr.Number)
	}
	return err.Error()
}

// stop closes the listener, ends stuck requests, waits for every connection
// to finish, then closes the shard's pool.
func (w *worker) stop() {
	close(w.done)
	w.listener.Close()
	w.wg.Wait()
	w.db.Close()
}

// ---- merging, as in the previous lesson ----

func printCityTotals(all []customerTotal) {
	type cityTotal struct {
		city           string
		orders, amount int
	}
	byCity := map[string]*cityTotal{}
	for _, c := range all {
		total, ok := byCity[c.City]
		if !ok {
			total = &cityTotal{city: c.City}
			byCity[c.City] = total
		}
		total.orders += c.Orders
		total.amount += c.Amount
	}
	cities := make([]*cityTotal, 0, len(byCity))
	for _, total := range byCity {
		cities = append(cities, total)
	}
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
		if sorted[i].Amount != sorted[j].Amount {
			return sorted[i].Amount > sorted[j].Amount
		}
		return sorted[i].ID < sorted[j].ID
	})
	fmt.Printf("top %d customers:\n", n)
	for i := 0; i < n && i < len(sorted); i++ {
		c := sorted[i]
		fmt.Printf("  %d. %s (%s): %d\n", i+1, c.Name, c.City, c.Amount)
	}
}
