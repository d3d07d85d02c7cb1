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

	// All tasks start at once; Promise.all gives their results in the order
	// of its input, whatever order they finish in.
	const results = await Promise.all(jobs.map((job) => processData(job.word, job.delayMs)));

	results.forEach((result, i) => {
		console.log(`item ${i + 1}: ${result}`);
	});
}

await main();
