package main

import (
	"fmt"
	"time"
)

// ask plays a replica that answers after delay. The channel holds one value,
// so a replica whose answer nobody waits for any more can still send it and
// end, instead of blocking forever.
func ask(replica string, delay time.Duration) <-chan string {
	answer := make(chan string, 1)
	go func() {
		time.Sleep(delay)
		answer <- replica
	}()
	return answer
}

// firstAnswer waits for whichever comes first: an answer from a, from b,
// or the end of the timeout.
func firstAnswer(timeout time.Duration, a, b <-chan string) string {
	select {
	case replica := <-a:
		return "first answer from " + replica
	case replica := <-b:
		return "first answer from " + replica
	case <-time.After(timeout):
		return fmt.Sprintf("no answer within %d ms", timeout.Milliseconds())
	}
}

func main() {
	fmt.Println("round 1:", firstAnswer(200*time.Millisecond,
		ask("replica-a", 400*time.Millisecond), ask("replica-b", 20*time.Millisecond)))
	fmt.Println("round 2:", firstAnswer(200*time.Millisecond,
		ask("replica-a", 500*time.Millisecond), ask("replica-b", 600*time.Millisecond)))
}
