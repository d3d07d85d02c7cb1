package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

const perNodeTimeout = 2 * time.Second

type node struct{ name, addr string }

func main() {
	// Reads go to the primary first; when it cannot answer, to the replicas, in order.
	nodes := []node{
		{"primary", os.Getenv("CLUSTER_PRIMARY")},
		{"replica", os.Getenv("CLUSTER_REPLICA")},
		{"replica-delayed", os.Getenv("CLUSTER_REPLICA_DELAYED")},
	}
	for _, n := range nodes {
		names, readOnly, err := readUsers(n)
		if err != nil {
			fmt.Printf("%s: failed: %s\n", n.name, describe(err))
			continue
		}
		fmt.Printf("read from %s: %d users (%s)\n", n.name, len(names), strings.Join(names, ", "))
		// The server itself says whether it takes writes.
		if readOnly {
			fmt.Println("writes: refused here (read-only replica); what was read may be behind the primary")
		} else {
			fmt.Println("writes: accepted here")
		}
		return
	}
	fmt.Println("no node answered: nothing can be read")
}

func readUsers(n node) (names []string, readOnly bool, err error) {
	// Each node asked is a lane in the tutorial's timeline.
	spans.Start(n.name)
	defer spans.End(n.name)
	db, err := sql.Open("mysql", "user:password@tcp("+n.addr+")/database")
	if err != nil {
		return nil, false, err
	}
	defer db.Close()

	// One deadline per node, so a silent primary costs at most this long.
	ctx, cancel := context.WithTimeout(context.Background(), perNodeTimeout)
	defer cancel()
	var flag int
	if err := db.QueryRowContext(ctx, "SELECT @@read_only").Scan(&flag); err != nil {
		return nil, false, err
	}
	rows, err := db.QueryContext(ctx, "SELECT name FROM users ORDER BY id")
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, false, err
		}
		names = append(names, name)
	}
	return names, flag == 1, rows.Err()
}

func describe(err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("no answer within %d ms", perNodeTimeout.Milliseconds())
	default:
		return err.Error()
	}
}
