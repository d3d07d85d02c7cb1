package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"tutorial/spans"
)

func main() {
	// The tutorial's backend runs an echo server and tells us where it is.
	addr := os.Getenv("ECHO_ADDR")
	if addr == "" {
		addr = "localhost:7"
	}

	// The connection, from dialling to closing, is a lane in the tutorial's timeline.
	spans.Start("connection")
	defer spans.End("connection")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		fmt.Println("Error dialing:", err.Error())
		return
	}
	defer conn.Close()

	reader := bufio.NewReader(conn)
	for _, msg := range []string{"SELECT 1", "안녕하세요", "bye"} {
		fmt.Fprintf(conn, "%s\n", msg)

		reply, err := reader.ReadString('\n')
		if err != nil {
			fmt.Println("Error reading:", err.Error())
			return
		}
		fmt.Printf("sent %q, echoed %q\n", msg, reply[:len(reply)-1])
	}
}
