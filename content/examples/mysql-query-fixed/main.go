package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
	"tutorial/spans"

	_ "github.com/go-sql-driver/mysql"
)

type User struct {
	ID   int
	Name string
}

// listUsers returns every user, or the first error it met, wrapped with
// what it was doing. Whether that error is fatal is the caller's decision.
func listUsers(ctx context.Context, db *sql.DB) ([]User, error) {
	// Named columns keep Scan right when a column is added to the table;
	// ORDER BY makes the order a promise instead of a habit of the server.
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("query users: %w", err)
	}
	defer rows.Close()

	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		users = append(users, u)
	}
	// Next returns false after the last row and also when reading failed
	// halfway; only Err tells the two apart.
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	return users, nil
}

func run() error {
	// sql.Open checks its arguments and prepares a pool; it dials nothing.
	db, err := sql.Open("mysql", "user:password@tcp(localhost:3306)/database")
	if err != nil {
		return err
	}
	defer db.Close()

	// One deadline for the whole job: a stuck server cannot hang the program.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()

	// The query is a lane in the tutorial's timeline.
	spans.Start("list-users")
	users, err := listUsers(ctx, db)
	spans.End("list-users")
	if err != nil {
		return err
	}
	for _, u := range users {
		fmt.Println("User ID:", u.ID, "Name:", u.Name)
	}
	return nil
}

func main() {
	// Errors go to stderr with a failing exit status, after run's deferred
	// cleanups (os.Exit would skip them).
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}
