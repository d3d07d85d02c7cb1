import * as spans from "tutorial/spans";

const limit = 1_000_000;
const workers = 4;

// isPrime tests by trial division: plain CPU work.
function isPrime(n: number): boolean {
	if (n < 2) return false;
	for (let d = 2; d * d <= n; d++) {
		if (n % d === 0) return false;
	}
	return true;
}

async function main(): Promise<void> {
	// All the tasks push to one array, and need no lock: they run on one
	// thread, and nothing else can run between reading the array and writing
	// it back. (An await between the two would open that gap.)
	const primes: number[] = [];

	// Task w checks w, w+4, w+8, ... It has no await, so the four run one
	// after another, as in the one-core program.
	async function task(w: number): Promise<void> {
		// Each task is a lane in the tutorial's timeline.
		spans.start(`worker-${w}`);
		for (let n = w; n < limit; n += workers) {
			if (isPrime(n)) primes.push(n);
		}
		spans.end(`worker-${w}`);
	}
	await Promise.all(Array.from({ length: workers }, (_, w) => task(w)));

	// The tasks pushed in whatever order they ran: sort for a stable report.
	primes.sort((a, b) => a - b);
	console.log(`${workers} workers found ${primes.length} primes below ${limit}`);
	console.log(`the largest three: [${primes.slice(-3).join(" ")}]`);
}

await main();
