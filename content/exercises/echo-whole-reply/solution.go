package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
)

func main() {
	conn, err := net.Dial("tcp", os.Getenv("ECHO_ADDR"))
	if err != nil {
		fmt.Println("Error dialing:", err.Error())
		return
	}
	defer conn.Close()

	// One reader for the whole connection: what it has read past one
	// newline stays buffered for the next reply.
	reader := bufio.NewReader(conn)
	for _, msg := range strings.Split(os.Getenv("MESSAGES"), ",") {
		fmt.Fprintf(conn, "%s\n", msg)

		// As many Reads as it takes, up to the newline.
		reply, err := reader.ReadString('\n')
		if err != nil {
			fmt.Println("Error reading:", err.Error())
			return
		}
		fmt.Printf("echoed %d bytes\n", len(strings.TrimSuffix(reply, "\n")))
	}
}
