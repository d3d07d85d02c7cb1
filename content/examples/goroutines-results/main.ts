import { setTimeout as sleep } from "node:timers/promises";
import * as spans from "tutorial/spans";

// processData stands in for the post's "데이터 처리 로직": it takes a
// while, and it fails on empty input.
async function processData(data: string, delayMs: number): Promise<string> {
	await sleep(delayMs);
	if (data.trim() === "") {
		throw new Error("empty data");
	}
	return data.toUpperCase();
}

async function main(): Promise<void> {
	const data = ["Data 1", "Data 2", "", "Data 4"];
	// The first item takes longest, so the tasks finish in reverse order.
	const delays = [30, 20, 10, 0];

	// allSettled waits for every task, failed or not, like wg.Wait(), and
	// returns the outcomes in the order of the input, like results[i].
	// Promise.all would reject at the first failure and drop the rest.
	const settled = await Promise.allSettled(
		data.map(async (d, i) => {
			// Each item is a lane in the tutorial's timeline.
			const task = `item-${i + 1}`;
			spans.start(task);
			try {
				return await processData(d, delays[i]);
			} finally {
				spans.end(task);
			}
		}),
	);

	let failed = 0;
	settled.forEach((outcome, i) => {
		if (outcome.status === "rejected") {
			failed++;
			console.log(`item ${i + 1}: error: ${(outcome.reason as Error).message}`);
			return;
		}
		console.log(`item ${i + 1}: ${outcome.value}`);
	});
	console.log(`${failed} of ${data.length} failed`);
}

await main();
