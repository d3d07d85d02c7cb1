package main

import (
	"fmt"
	"tutorial/spans"
)

// generate sends each amount on its channel, then closes it to say "no more".
func generate(amounts ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		// Each stage is a lane in the tutorial's timeline.
		spans.Start("generate")
		defer spans.End("generate")
		for _, amount := range amounts {
			out <- amount
		}
	}()
	return out
}

// addVAT receives amounts until its input is closed and sends each one
// with 10% VAT added. Its buffer lets it run up to two amounts ahead.
func addVAT(in <-chan int) <-chan int {
	out := make(chan int, 2)
	go func() {
		defer close(out)
		spans.Start("add-vat")
		defer spans.End("add-vat")
		for amount := range in {
			out <- amount + amount/10
		}
	}()
	return out
}

func main() {
	total := 0
	// range ends when addVAT closes its channel, after the last amount.
	for amount := range addVAT(generate(12000, 4500, 30000, 8800, 15500)) {
		fmt.Println("with VAT:", amount)
		total += amount
	}
	fmt.Println("total:", total)
}
