package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// isPrime tests by trial division: plain CPU work.
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

func main() {
	// LIMIT: find the primes below it. WORKERS: how many goroutines share the work.
	limit, _ := strconv.Atoi(os.Getenv("LIMIT"))
	workers, _ := strconv.Atoi(os.Getenv("WORKERS"))
	if limit < 1 || workers < 1 {
		fmt.Println("LIMIT and WORKERS must be positive numbers")
		return
	}

	// Every goroutine adds what it finds to the same two counters, with no lock.
	count, sum := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		from, to := i*limit/workers, (i+1)*limit/workers
		wg.Add(1)
		go func(from, to int) {
			defer wg.Done()
			for n := from; n < to; n++ {
				if isPrime(n) {
					count++
					sum += n
				}
			}
		}(from, to)
	}
	wg.Wait()

	fmt.Printf("total: %d primes below %d, sum %d\n", count, limit, sum)
}
