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
	"strings"
	"sync"
	"time"
	"tutorial/spans"

	"github.com/go-sql-driver/mysql"
)

// The protocol, one JSON object per line:
//
//	request: {"query":"customer_totals"}
//	reply:   {"customers":[{"id":3,"name":"박지호","orders":1,"amount":8800}]}
//	or:      {"error":"MySQL error 1044"}
type request struct {
	Query string `json:"query"`
}

type customerTotal struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Orders int    `json:"orders"`
	Amount int    `json:"amount"`
}

type reply struct {
	Customers []customerTotal `json:"customers,omitempty"`
	Error     string          `json:"error,omitempty"`
}

const timeout = 500 * time.Millisecond

func main() {
	// One worker per shard, each a TCP server on a free port.
	// shard_3's worker is stuck; shard_4 was never created.
	shards := []string{"shard_1", "shard_2", "shard_3", "shard_4"}
	workers := make([]*worker, len(shards))
	for i, shard := range shards {
		workers[i] = startWorker(shard, shard == "shard_3")
	}
	fmt.Printf("started %d shard workers\n", len(workers))

	// Scatter: ask every worker at once.
	replies := make([][]customerTotal, len(workers))
	errs := make([]error, len(workers))
	var wg sync.WaitGroup
	for i, w := range workers {
		wg.Add(1)
		go func(i int, addr string) {
			defer wg.Done()
			// Each question to a worker is a lane in the tutorial's timeline.
			spans.Start(shards[i])
			defer spans.End(shards[i])
			replies[i], errs[i] = ask(addr)
		}(i, w.listener.Addr().String())
	}
	wg.Wait()

	// Gather: every shard in a fixed order, and a total of what answered.
	var missing []string
	customers, orders, amount := 0, 0, 0
	for i, w := range workers {
		if errs[i] != nil {
			fmt.Printf("%s: failed: %s\n", w.shard, describe(errs[i]))
			missing = append(missing, w.shard)
			continue
		}
		fmt.Printf("%s: %d customers\n", w.shard, len(replies[i]))
		for _, c := range replies[i] {
			customers, orders, amount = customers+1, orders+c.Orders, amount+c.Amount
		}
	}
	if len(missing) > 0 {
		fmt.Printf("partial result: %d of %d shards answered, missing %s\n", len(workers)-len(missing), len(workers), strings.Join(missing, ", "))
	}
	fmt.Printf("from those: %d customers, %d orders, amount %d\n", customers, orders, amount)

	for _, w := range workers {
		w.stop()
	}
	fmt.Printf("stopped %d shard workers\n", len(workers))
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
	wg       sync.WaitGroup // the accept loop and every connection handler

	mu      sync.Mutex
	conns   map[net.Conn]bool // open connections, for stop to close
	stopped bool
}

func startWorker(shard string, stuck bool) *worker {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error listening:", err)
		os.Exit(1)
	}
	// sql.Open dials nothing; a missing database shows up at the first query.
	db, _ := sql.Open("mysql", "user:password@tcp(localhost:3306)/"+shard)
	w := &worker{shard: shard, stuck: stuck, listener: listener, db: db, conns: map[net.Conn]bool{}}
	w.wg.Add(1)
	go w.acceptLoop()
	return w
}

func (w *worker) acceptLoop() {
	defer w.wg.Done()
	for {
		conn, err := w.listener.Accept()
		if err != nil {
			return // stop closed the listener
		}
		w.mu.Lock()
		if w.stopped {
			conn.Close() // accepted just as stop began
		} else {
			w.conns[conn] = true
			w.wg.Add(1)
			go w.serve(conn)
		}
		w.mu.Unlock()
	}
}

func (w *worker) serve(conn net.Conn) {
	defer w.wg.Done()
	defer func() {
		w.mu.Lock()
		delete(w.conns, conn)
		w.mu.Unlock()
		conn.Close()
	}()
	lines := bufio.NewScanner(conn)
	for lines.Scan() {
		var req request
		var rep reply
		switch err := json.Unmarshal(lines.Bytes(), &req); {
		case err != nil || req.Query != "customer_totals":
			rep.Error = "unknown request"
		case w.stuck:
			// Plays a stuck worker (a lock wait, a full disk, a long pause):
			// it has read the request, and no answer ever comes.
			continue
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
	rows, err := w.db.QueryContext(ctx, `SELECT c.id, c.name, COUNT(o.id), COALESCE(SUM(o.amount), 0)
		FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name ORDER BY c.id`)
	if err != nil {
		return reply{Error: describeMySQL(err)}
	}
	defer rows.Close()
	var rep reply
	for rows.Next() {
		var c customerTotal
		if err := rows.Scan(&c.ID, &c.Name, &c.Orders, &c.Amount); err != nil {
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

// stop stops accepting, closes every open connection (idle, stuck or
// busy), waits for every handler to return, then closes the shard's pool.
func (w *worker) stop() {
	w.listener.Close()
	w.mu.Lock()
	w.stopped = true
	for conn := range w.conns {
		conn.Close()
	}
	w.mu.Unlock()
	w.wg.Wait()
	w.db.Close()
}
