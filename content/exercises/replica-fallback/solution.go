package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

var userID, _ = strconv.Atoi(os.Getenv("USER_ID"))

// The deadline each node gets, from connecting to reading the row.
var deadline = func() time.Duration {
	ms, err := strconv.Atoi(os.Getenv("DEADLINE_MS"))
	if err != nil {
		ms = 2000
	}
	return time.Duration(ms) * time.Millisecond
}()

type node struct{ name, addr string }

func main() {
	// Reads go to the primary first; when it cannot answer, to the replicas, in order.
	nodes := []node{
		{"primary", os.Getenv("CLUSTER_PRIMARY")},
		{"replica", os.Getenv("CLUSTER_REPLICA")},
		{"replica-delayed", os.Getenv("CLUSTER_REPLICA_DELAYED")},
	}
	for _, n := range nodes {
		name, err := readUser(n.addr)
		if err != nil {
			fmt.Printf("%s: failed: %s\n", n.name, describe(err))
			continue
		}
		fmt.Printf("read from %s: user %d = %s\n", n.name, userID, name)
		// Only the primary takes writes; a replica's answer may also be behind it.
		if n.name == "primary" {
			fmt.Println("writes: available")
		} else {
			fmt.Println("writes: unavailable (no primary answered)")
		}
		return
	}
	fmt.Println("no node answered: nothing can be read")
}

func readUser(addr string) (string, error) {
	db, err := sql.Open("mysql", "user:password@tcp("+addr+")/database")
	if err != nil {
		return "", err
	}
	defer db.Close()
	// The context's deadline covers connecting, querying and reading the row.
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	var name string
	err = db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = ?", userID).Scan(&name)
	return name, err
}

func describe(err error) string {
	switch {
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer within %d ms", deadline.Milliseconds())
	default:
		return err.Error()
	}
}
