import { setTimeout as sleep } from "node:timers/promises";

// ask stands in for a query to one replica: it answers after its delay.
async function ask(name: string, delayMs: number, signal?: AbortSignal): Promise<string> {
	await sleep(delayMs, undefined, { signal });
	return name;
}

async function main(): Promise<void> {
	const timeoutMs = Number(process.env.TIMEOUT_MS);
	// REPLICAS looks like "seoul:300,busan:900": a name and how long it takes to answer.
	const replicas = (process.env.REPLICAS ?? "").split(",").map((replica) => {
		const [name, ms] = replica.split(":");
		return { name, delayMs: Number(ms) };
	});

	// One signal cancels every wait that is still pending: the losers and the deadline.
	const done = new AbortController();
	const waits = [...replicas.map((replica) => ask(replica.name, replica.delayMs, done.signal)), sleep(timeoutMs, null, { signal: done.signal })];
	const first = await Promise.race(waits);
	done.abort();
	// The cancelled waits reject with an AbortError nobody needs.
	for (const wait of waits) wait.catch(() => {});
	if (first === null) {
		console.log(`no answer within ${timeoutMs} ms`);
	} else {
		console.log(`first answer: ${first}`);
	}
}

await main();
