package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup

	data := []string{"Data 1", "Data 2", "Data 3"}

	for _, d := range data {
		wg.Add(1)

		go func(data string) {
			defer wg.Done()

			// 데이터 처리 로직
			fmt.Println("Processing data:", data)
		}(d)
	}

	wg.Wait()
}
