package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// lookup asks the echo server about one word and prints its answer.
func lookup(word string) {
	conn, err := net.Dial("tcp", os.Getenv("ECHO_ADDR"))
	if err != nil {
		fmt.Println("Error dialing:", err.Error())
		return
	}
	defer conn.Close()

	fmt.Fprintf(conn, "%s\n", word)
	// 데이터 처리 로직: the work takes a while.
	time.Sleep(300 * time.Millisecond)
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		fmt.Println("Error reading:", err.Error())
		return
	}
	fmt.Println("echo:", strings.TrimSuffix(reply, "\n"))
}

func main() {
	words := strings.Split(os.Getenv("WORDS"), ",")

	// One after another: each lookup waits for the one before it.
	for _, word := range words {
		lookup(word)
	}
}
