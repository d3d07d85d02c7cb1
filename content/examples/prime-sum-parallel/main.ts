import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import * as spans from "tutorial/spans";

const limit = 3_000_000;
const workers = 4;

interface Range {
	from: number;
	to: number;
}

interface Result extends Range {
	count: number;
	sum: number;
}

// isPrime tests by trial division: deliberately plain CPU work, no I/O.
function isPrime(n: number): boolean {
	if (n < 2) return false;
	for (let d = 2; d * d <= n; d++) {
		if (n % d === 0) return false;
	}
	return true;
}

function sumPrimes({ from, to }: Range): Result {
	let count = 0;
	let sum = 0;
	for (let n = from; n < to; n++) {
		if (isPrime(n)) {
			count++;
			sum += n;
		}
	}
	return { from, to, count, sum };
}

// Starts this same file again as a worker thread (the else branch at the
// bottom) and resolves with the one message it posts back. Each worker is a
// lane in the tutorial's timeline, from its start to its answer.
function runWorker(range: Range, i: number): Promise<Result> {
	return new Promise((resolve, reject) => {
		spans.start(`worker-${i + 1}`);
		const worker = new Worker(new URL(import.meta.url), { workerData: range });
		worker.once("message", (result: Result) => {
			spans.end(`worker-${i + 1}`);
			resolve(result);
		});
		worker.once("error", reject);
	});
}

async function main(): Promise<void> {
	const ranges: Range[] = [];
	for (let i = 0; i < workers; i++) {
		ranges.push({ from: Math.floor((i * limit) / workers), to: Math.floor(((i + 1) * limit) / workers) });
	}
	// Each worker is a separate V8 isolate on its own thread, so the four
	// ranges are computed on several cores at the same time.
	const results = await Promise.all(ranges.map(runWorker));

	// Promise.all keeps the input order, whichever worker finished first.
	let count = 0;
	let sum = 0;
	results.forEach((r, i) => {
		console.log(`worker ${i + 1}: [${r.from}, ${r.to}) ${r.count} primes, sum ${r.sum}`);
		count += r.count;
		sum += r.sum;
	});
	console.log(`total: ${count} primes below ${limit}, sum ${sum}`);
}

if (isMainThread) {
	await main();
} else {
	parentPort!.postMessage(sumPrimes(workerData as Range));
}
