import { setTimeout as sleep } from "node:timers/promises";

// processData stands in for real work: it takes a while, then answers.
async function processData(word: string, delayMs: number): Promise<string> {
	await sleep(delayMs);
	return word.toUpperCase();
}

async function main(): Promise<void> {
	// JOBS looks like "kiwi:300,fig:100": a word and how long its work takes.
	const jobs = (process.env.JOBS ?? "").split(",").map((job) => {
		const [word, ms] = job.split(":");
		return { word, delayMs: Number(ms) };
	});

	// Each task pushes its result when it finishes: in finishing order, not input order.
	const results: string[] = [];
	await Promise.all(
		jobs.map(async (job) => {
			results.push(await processData(job.word, job.delayMs));
		}),
	);

	results.forEach((result, i) => {
		console.log(`item ${i + 1}: ${result}`);
	});
}

await main();
