package main

import (
	"fmt"
	"time"
	"tutorial/spans"
)

// ask plays a replica that answers after delay. The channel holds one value,
// so a replica whose answer nobody waits for any more can still send it and
// end, instead of blocking forever. Each question is a lane in the
// tutorial's timeline, named by its round.
func ask(round int, replica string, delay time.Duration) <-chan string {
	answer := make(chan string, 1)
	go func() {
		task := fmt.Sprintf("round-%d/%s", round, replica)
		spans.Start(task)
		time.Sleep(delay)
		spans.End(task)
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
		ask(1, "replica-a", 400*time.Millisecond), ask(1, "replica-b", 20*time.Millisecond)))
	fmt.Println("round 2:", firstAnswer(200*time.Millisecond,
		ask(2, "replica-a", 500*time.Millisecond), ask(2, "replica-b", 600*time.Millisecond)))
}
