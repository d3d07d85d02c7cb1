// A fixed number of runs at a time, and a bounded line of runs waiting for
// one of those places. A full line refuses at once instead of growing.

export interface Ticket {
  /** Resolves when a place is free; never resolves for a ticket released while waiting. */
  ready: Promise<void>;
  /** Frees the place (or the spot in line). Safe to call more than once. */
  release(): void;
}

export interface RunQueue {
  /** null when the line is full. */
  enter(): Ticket | null;
  readonly running: number;
  readonly waiting: number;
}

export function createRunQueue(concurrency: number, queueLimit: number): RunQueue {
  let running = 0;
  const waiting: Array<() => void> = [];

  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      running++;
      waiting.shift()!();
    }
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    enter() {
      if (running >= concurrency && waiting.length >= queueLimit) return null;
      let state: "waiting" | "running" | "done" = "waiting";
      let wake!: () => void;
      const ready = new Promise<void>((resolve) => {
        wake = () => {
          state = "running";
          resolve();
        };
      });
      waiting.push(wake);
      next();
      return {
        ready,
        release() {
          if (state === "running") {
            running--;
            next();
          } else if (state === "waiting") {
            waiting.splice(waiting.indexOf(wake), 1);
          }
          state = "done";
        },
      };
    },
  };
}
