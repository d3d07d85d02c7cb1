package main

import (
	"fmt"
	"sort"
	"sync"
	"tutorial/spans"
)

const limit = 1_000_000
const workers = 4

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
	// No goroutine knows in advance how many primes it will find, so there
	// are no slots to give out: all of them append to one slice. An append
	// reads the slice and writes it back; the mutex lets one goroutine at a
	// time do that.
	var mu sync.Mutex
	var primes []int

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Each goroutine is a lane in the tutorial's timeline.
			task := fmt.Sprintf("worker-%d", w)
			spans.Start(task)
			defer spans.End(task)
			// Goroutine w checks w, w+4, w+8, ...
			for n := w; n < limit; n += workers {
				if isPrime(n) {
					mu.Lock()
					primes = append(primes, n)
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()

	// The goroutines appended in whatever order they ran: sort for a stable report.
	sort.Ints(primes)
	fmt.Printf("%d workers found %d primes below %d\n", workers, len(primes), limit)
	fmt.Println("the largest three:", primes[len(primes)-3:])
}
