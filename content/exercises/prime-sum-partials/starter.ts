import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

interface Job {
	from: number;
	to: number;
	/** [count, sum], in memory every worker shares. */
	totals: Float64Array;
}

// isPrime tests by trial division: plain CPU work.
function isPrime(n: number): boolean {
	if (n < 2) return false;
	for (let d = 2; d * d <= n; d++) {
		if (n % d === 0) return false;
	}
	return true;
}

// Every worker adds what it finds to the same two shared numbers, with no lock.
function addPrimes({ from, to, totals }: Job): void {
	for (let n = from; n < to; n++) {
		if (isPrime(n)) {
			totals[0] += 1;
			totals[1] += n;
		}
	}
}

// Starts this same file again as a worker thread (the else branch at the
// bottom) and resolves when it reports that it is done.
function runWorker(job: Job): Promise<void> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL(import.meta.url), { workerData: job });
		worker.once("message", () => resolve());
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

	// A SharedArrayBuffer is the same memory in every worker, not a copy.
	const totals = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
	const jobs: Job[] = [];
	for (let i = 0; i < workers; i++) {
		jobs.push({ from: Math.floor((i * limit) / workers), to: Math.floor(((i + 1) * limit) / workers), totals });
	}
	await Promise.all(jobs.map(runWorker));

	console.log(`total: ${totals[0]} primes below ${limit}, sum ${totals[1]}`);
}

if (isMainThread) {
	await main();
} else {
	addPrimes(workerData as Job);
	parentPort!.postMessage("done");
}
