import { setTimeout as sleep } from "node:timers/promises";

// ask plays a replica that answers after delayMs.
async function ask(replica: string, delayMs: number): Promise<string> {
	await sleep(delayMs);
	return replica;
}

// firstAnswer waits for whichever comes first: an answer from a, from b,
// or the end of the timeout. Promise.race settles with the first promise
// to settle, as select takes the first case that is ready.
async function firstAnswer(timeoutMs: number, a: Promise<string>, b: Promise<string>): Promise<string> {
	const timeout = sleep(timeoutMs).then(() => null);
	const replica = await Promise.race([a, b, timeout]);
	return replica === null ? `no answer within ${timeoutMs} ms` : `first answer from ${replica}`;
}

console.log("round 1:", await firstAnswer(200, ask("replica-a", 400), ask("replica-b", 20)));
console.log("round 2:", await firstAnswer(200, ask("replica-a", 500), ask("replica-b", 600)));
