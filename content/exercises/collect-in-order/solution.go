package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
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

	// One slot per job: goroutine i writes only results[i], so no lock is
	// needed and the input's order is kept whatever order they finish in.
	results := make([]string, len(words))
	var wg sync.WaitGroup
	for i := range words {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = processData(words[i], delays[i])
		}(i)
	}
	wg.Wait()

	for i, result := range results {
		fmt.Printf("item %d: %s\n", i+1, result)
	}
}
