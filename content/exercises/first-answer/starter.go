package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ask stands in for a query to one replica: it answers after its delay.
func ask(name string, delay time.Duration) string {
	time.Sleep(delay)
	return name
}

func main() {
	timeoutMs, _ := strconv.Atoi(os.Getenv("TIMEOUT_MS"))
	// REPLICAS looks like "seoul:300,busan:900": a name and how long it takes to answer.
	answers := make(chan string, 16)
	var wg sync.WaitGroup
	for _, replica := range strings.Split(os.Getenv("REPLICAS"), ",") {
		name, ms, _ := strings.Cut(replica, ":")
		delay, _ := strconv.Atoi(ms)
		wg.Add(1)
		go func(name string, delay time.Duration) {
			defer wg.Done()
			answers <- ask(name, delay)
		}(name, time.Duration(delay)*time.Millisecond)
	}

	// Waits for every replica, even though only the first answer is used.
	wg.Wait()
	select {
	case first := <-answers:
		fmt.Println("first answer:", first)
	case <-time.After(time.Duration(timeoutMs) * time.Millisecond):
		fmt.Printf("no answer within %d ms\n", timeoutMs)
	}
}
