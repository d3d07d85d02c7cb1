package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// processData stands in for real work: it takes a while, then answers.
func processData(word string, delay time.Duration) string {
	time.Sleep(delay)
	return strings.ToUpper(word)
}

func main() {
	// JOBS looks like "kiwi:300,fig:100": a word and how long its work takes.
	var words []string
	var delays []time.Duration
	for _, job := range strings.Split(os.Getenv("JOBS"), ",") {
		word, ms, _ := strings.Cut(job, ":")
		n, _ := strconv.Atoi(ms)
		words = append(words, word)
		delays = append(delays, time.Duration(n)*time.Millisecond)
	}

	results := make(chan string)
	for i := range words {
		go func(i int) {
			results <- processData(words[i], delays[i])
		}(i)
	}

	// Receives the results in the order they finish, not in input order.
	for i := range words {
		fmt.Printf("item %d: %s\n", i+1, <-results)
	}
}
