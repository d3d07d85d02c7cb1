import { setTimeout as sleep } from "node:timers/promises";
import * as spans from "tutorial/spans";

// ask plays a replica that answers after delayMs. Each question is a lane in
// the tutorial's timeline, named by its round.
async function ask(round: number, replica: string, delayMs: number): Promise<string> {
	const task = `round-${round}/${replica}`;
	spans.start(task);
	await sleep(delayMs);
	spans.end(task);
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

console.log("round 1:", await firstAnswer(200, ask(1, "replica-a", 400), ask(1, "replica-b", 20)));
console.log("round 2:", await firstAnswer(200, ask(2, "replica-a", 500), ask(2, "replica-b", 600)));
