package main

import (
	"fmt"
	"runtime"
	"sync"
	"tutorial/spans"
)

const (
	limit   = 3_000_000
	workers = 4
)

type result struct {
	from, to   int
	count, sum int
}

// isPrime tests by trial division: deliberately plain CPU work, no I/O.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func sumPrimes(from, to int) (count, sum int) {
	for n := from; n < to; n++ {
		if isPrime(n) {
			count++
			sum += n
		}
	}
	return count, sum
}

func main() {
	// One thread runs Go code: the four goroutines still take turns
	// (concurrency), but never compute at the same instant (no parallelism).
	runtime.GOMAXPROCS(1)

	results := make([]result, workers)
	var wg sync.WaitGroup
	for i := range results {
		from, to := i*limit/workers, (i+1)*limit/workers
		wg.Add(1)
		go func(i, from, to int) {
			defer wg.Done()
			// Each goroutine is a lane in the tutorial's timeline.
			task := fmt.Sprintf("worker-%d", i+1)
			spans.Start(task)
			count, sum := sumPrimes(from, to)
			spans.End(task)
			results[i] = result{from, to, count, sum}
		}(i, from, to)
	}
	wg.Wait()

	count, sum := 0, 0
	for i, r := range results {
		fmt.Printf("worker %d: [%d, %d) %d primes, sum %d\n", i+1, r.from, r.to, r.count, r.sum)
		count += r.count
		sum += r.sum
	}
	fmt.Printf("total: %d primes below %d, sum %d\n", count, limit, sum)
}
