package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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
	replicas := strings.Split(os.Getenv("REPLICAS"), ",")
	// Room for every answer, so the replicas that lose the race never block.
	answers := make(chan string, len(replicas))
	for _, replica := range replicas {
		name, ms, _ := strings.Cut(replica, ":")
		delay, _ := strconv.Atoi(ms)
		go func(name string, delay time.Duration) {
			answers <- ask(name, delay)
		}(name, time.Duration(delay)*time.Millisecond)
	}

	// The first answer or the deadline, whichever comes first; returning
	// from main ends the program without waiting for the others.
	select {
	case first := <-answers:
		fmt.Println("first answer:", first)
	case <-time.After(time.Duration(timeoutMs) * time.Millisecond):
		fmt.Printf("no answer within %d ms\n", timeoutMs)
	}
}
