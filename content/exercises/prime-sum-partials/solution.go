package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

type result struct {
	from, to   int
	count, sum int
}

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

// sumPrimes counts and adds the primes in [from, to) in local variables,
// which no other goroutine can see.
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
	// LIMIT: find the primes below it. WORKERS: how many goroutines share the work.
	limit, _ := strconv.Atoi(os.Getenv("LIMIT"))
	workers, _ := strconv.Atoi(os.Getenv("WORKERS"))
	if limit < 1 || workers < 1 {
		fmt.Println("LIMIT and WORKERS must be positive numbers")
		return
	}

	// One slot per worker: goroutine i writes only results[i], so the
	// goroutines still run on several cores at once and share nothing.
	results := make([]result, workers)
	var wg sync.WaitGroup
	for i := range results {
		from, to := i*limit/workers, (i+1)*limit/workers
		wg.Add(1)
		go func(i, from, to int) {
			defer wg.Done()
			count, sum := sumPrimes(from, to)
			results[i] = result{from, to, count, sum}
		}(i, from, to)
	}
	wg.Wait()

	// Only after Wait: add the partial results up, in worker order.
	count, sum := 0, 0
	for i, r := range results {
		fmt.Printf("worker %d: [%d, %d) %d primes, sum %d\n", i+1, r.from, r.to, r.count, r.sum)
		count += r.count
		sum += r.sum
	}
	fmt.Printf("total: %d primes below %d, sum %d\n", count, limit, sum)
}
