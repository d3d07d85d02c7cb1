package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"tutorial/spans"
)

// processData stands in for the post's "데이터 처리 로직": it takes a
// while, and it fails on empty input.
func processData(data string, delay time.Duration) (string, error) {
	time.Sleep(delay)
	if strings.TrimSpace(data) == "" {
		return "", errors.New("empty data")
	}
	return strings.ToUpper(data), nil
}

func main() {
	data := []string{"Data 1", "Data 2", "", "Data 4"}
	// The first item takes longest, so the goroutines finish in reverse order.
	delays := []time.Duration{30 * time.Millisecond, 20 * time.Millisecond, 10 * time.Millisecond, 0}

	// One slot per input: goroutine i writes only results[i] and errs[i],
	// so they need no lock, and the order of the input is kept.
	results := make([]string, len(data))
	errs := make([]error, len(data))

	var wg sync.WaitGroup
	for i, d := range data {
		wg.Add(1)
		go func(i int, data string) {
			defer wg.Done()
			// Each item is a lane in the tutorial's timeline.
			task := fmt.Sprintf("item-%d", i+1)
			spans.Start(task)
			defer spans.End(task)
			results[i], errs[i] = processData(data, delays[i])
		}(i, d)
	}
	// Wait returns only when all four called Done, failed or not.
	wg.Wait()

	failed := 0
	for i := range data {
		if errs[i] != nil {
			failed++
			fmt.Printf("item %d: error: %v\n", i+1, errs[i])
			continue
		}
		fmt.Printf("item %d: %s\n", i+1, results[i])
	}
	fmt.Printf("%d of %d failed\n", failed, len(data))
}
