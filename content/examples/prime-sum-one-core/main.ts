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

async function main(): Promise<void> {
	const ranges: Range[] = [];
	for (let i = 0; i < workers; i++) {
		ranges.push({ from: Math.floor((i * limit) / workers), to: Math.floor(((i + 1) * limit) / workers) });
	}
	// Four async functions, one thread: each runs to completion before the
	// next starts, because none of them ever awaits. Concurrency without
	// parallelism, and here not even interleaving.
	// Each task is a lane in the tutorial's timeline.
	const results = await Promise.all(
		ranges.map(async (range, i) => {
			spans.start(`worker-${i + 1}`);
			const result = sumPrimes(range);
			spans.end(`worker-${i + 1}`);
			return result;
		}),
	);

	let count = 0;
	let sum = 0;
	results.forEach((r, i) => {
		console.log(`worker ${i + 1}: [${r.from}, ${r.to}) ${r.count} primes, sum ${r.sum}`);
		count += r.count;
		sum += r.sum;
	});
	console.log(`total: ${count} primes below ${limit}, sum ${sum}`);
}

await main();
