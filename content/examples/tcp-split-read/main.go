package main

import (
	"bufio"
	"fmt"
	"net"
	"time"
	"tutorial/spans"
)

// serveOne accepts one connection in a new goroutine, reads from it with
// read, and delivers what was read on the returned channel.
func serveOne(ln net.Listener, read func(net.Conn) string) <-chan string {
	got := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			got <- "Error accepting connection: " + err.Error()
			return
		}
		defer conn.Close()
		got <- read(conn)
	}()
	return got
}

// sendInTwoPieces writes one line as two writes and calls between() after
// the first, so the line reaches the server as two separate pieces.
func sendInTwoPieces(addr string, between func()) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	if _, err := conn.Write([]byte("Hello, ")); err != nil {
		return err
	}
	between()
	_, err = conn.Write([]byte("distributed world\n"))
	return err
}

func main() {
	// Port 0: the system picks a free port, so this program never collides with another.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("Error listening:", err)
		return
	}
	defer ln.Close()
	addr := ln.Addr().String()

	// 1. The post's way: one Read into a 1024-byte buffer. The client sends
	// its second piece only after that Read returned.
	firstRead := make(chan struct{})
	// Each send and each read is a lane in the tutorial's timeline.
	got := serveOne(ln, func(conn net.Conn) string {
		spans.Start("read-1")
		defer spans.End("read-1")
		buf := make([]byte, 1024)
		n, _ := conn.Read(buf)
		close(firstRead)
		return string(buf[:n])
	})
	waitForFirstRead := func() {
		select {
		case <-firstRead:
		case <-time.After(time.Second):
		}
	}
	spans.Start("send-1")
	err = sendInTwoPieces(addr, waitForFirstRead)
	spans.End("send-1")
	if err != nil {
		fmt.Println("Error sending:", err)
		return
	}
	fmt.Printf("one Read:        %q\n", <-got)

	// 2. Reading until the newline, however many Reads that takes: the
	// same two pieces, with a pause between them, arrive as one line.
	got = serveOne(ln, func(conn net.Conn) string {
		spans.Start("read-2")
		defer spans.End("read-2")
		scanner := bufio.NewScanner(conn)
		scanner.Scan()
		return scanner.Text()
	})
	pause := func() { time.Sleep(50 * time.Millisecond) }
	spans.Start("send-2")
	err = sendInTwoPieces(addr, pause)
	spans.End("send-2")
	if err != nil {
		fmt.Println("Error sending:", err)
		return
	}
	fmt.Printf("read to newline: %q\n", <-got)
}
