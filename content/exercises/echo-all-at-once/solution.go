package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
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

	var wg sync.WaitGroup
	for _, word := range words {
		wg.Add(1)
		go func(word string) {
			defer wg.Done()
			lookup(word)
		}(word)
	}
	// Without this, main would return, and end the program, before the lookups print.
	wg.Wait()
}
