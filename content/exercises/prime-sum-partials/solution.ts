import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

interface Range {
	from: number;
	to: number;
}

interface Result extends Range {
	count: number;
	sum: number;
}

// isPrime tests by trial division: plain CPU work.
function isPrime(n: number): boolean {
	if (n < 2) return false;
	for (let d = 2; d * d <= n; d++) {
		if (n % d === 0) return false;
	}
	return true;
}

// Counts and adds the primes of one range in local variables: each worker
// has its own, and sends them back as a message (a copy), sharing nothing.
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
// bottom) and resolves with the one message it posts back.
function runWorker(range: Range): Promise<Result> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL(import.meta.url), { workerData: range });
		worker.once("message", resolve);
		worker.once("error", reject);
	});
}

async function main(): Promise<void> {
	// LIMIT: find the primes below it. WORKERS: how many worker threads share the work.
	const limit = Number(process.env.LIMIT);
	const workers = Number(process.env.WORKERS);
	if (!(limit >= 1 && workers >= 1)) {
		console.log("LIMIT and WORKERS must be positive numbers");
		return;
	}

	const ranges: Range[] = [];
	for (let i = 0; i < workers; i++) {
		ranges.push({ from: Math.floor((i * limit) / workers), to: Math.floor(((i + 1) * limit) / workers) });
	}
	// The workers still compute on several cores at once; Promise.all keeps
	// their partial results in worker order, whichever finished first.
	const results = await Promise.all(ranges.map(runWorker));

	// Only the main thread adds the partial results up, after all are in.
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
