// Package spans reports when a program's tasks start and end, for the lanes
// the tutorial draws under its output: one line ("start <task>" or
// "end <task>") per call on the Unix socket the runner names in
// TUTORIAL_SPANS, never on stdout. Without TUTORIAL_SPANS (a plain `go run`)
// it does nothing.
package spans

import (
	"net"
	"os"
	"sync"
)

var (
	connect sync.Once
	mu      sync.Mutex
	conn    net.Conn
)

func send(phase, task string) {
	connect.Do(func() {
		if path := os.Getenv("TUTORIAL_SPANS"); path != "" {
			conn, _ = net.Dial("unix", path)
		}
	})
	if conn == nil {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	conn.Write([]byte(phase + " " + task + "\n"))
}

// Start says the task (a name without spaces, e.g. "worker-1") starts now.
func Start(task string) { send("start", task) }

// End says the task ends now.
func End(task string) { send("end", task) }
