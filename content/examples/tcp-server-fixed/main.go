package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
	"tutorial/spans"
)

func main() {
	ln, err := net.Listen("tcp", ":8081")
	if err != nil {
		// Without a listener the program is useless: say so and fail.
		fmt.Fprintln(os.Stderr, "Error listening:", err)
		os.Exit(1)
	}
	defer ln.Close()

	for {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			// Often temporary (e.g. too many open files): pause instead of spinning.
			fmt.Fprintln(os.Stderr, "Error accepting connection:", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}

		go handleConnection(conn)
	}
}

func handleConnection(conn net.Conn) {
	// Each connection is a bar in the tutorial's timeline.
	spans.Start("connection")
	defer spans.End("connection")
	// Closed on every path, including the error paths.
	defer conn.Close()

	// A client that connects and sends nothing must not hold this goroutine forever.
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))

	// The Scanner calls Read as often as needed until a newline (or EOF),
	// however the message was split into packets, up to 64 KiB per line.
	scanner := bufio.NewScanner(conn)
	ok := scanner.Scan()
	// At an error such as the deadline, Scan may still return the incomplete
	// line: check Err before trusting the text.
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "Error reading:", err)
		return
	}
	if !ok {
		return // the client closed without sending anything
	}

	// Text holds only the bytes that arrived, without the newline.
	fmt.Println("Received data:", scanner.Text())
}
