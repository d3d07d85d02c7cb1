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

	// Waits for every replica, even though only the first answer is used.
	const answers: string[] = [];
	await Promise.all(
		replicas.map(async (replica) => {
			answers.push(await ask(replica.name, replica.delayMs));
		}),
	);
	const firstDelay = Math.min(...replicas.map((replica) => replica.delayMs));
	if (firstDelay <= timeoutMs) {
		console.log(`first answer: ${answers[0]}`);
	} else {
		console.log(`no answer within ${timeoutMs} ms`);
	}
}

await main();
