package main

import (
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

	buf := make([]byte, 1024)
	for _, msg := range strings.Split(os.Getenv("MESSAGES"), ",") {
		fmt.Fprintf(conn, "%s\n", msg)

		// One Read: whatever has arrived so far, at most 1024 bytes.
		n, err := conn.Read(buf)
		if err != nil {
			fmt.Println("Error reading:", err.Error())
			return
		}
		reply := strings.TrimSuffix(string(buf[:n]), "\n")
		fmt.Printf("echoed %d bytes\n", len(reply))
	}
}
