import net from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";

// lookup asks the echo server about one word and prints its answer.
async function lookup(word: string): Promise<void> {
	const [host, port] = (process.env.ECHO_ADDR ?? "").split(":");
	const conn = net.connect(Number(port), host);
	try {
		await once(conn, "connect");
		conn.write(`${word}\n`);
		// 데이터 처리 로직: the work takes a while.
		await sleep(300);
		let reply = "";
		for await (const chunk of conn as AsyncIterable<Buffer>) {
			reply += chunk.toString();
			if (reply.includes("\n")) break;
		}
		console.log(`echo: ${reply.split("\n")[0]}`);
	} catch (err) {
		console.log("Error:", (err as Error).message);
	} finally {
		conn.destroy();
	}
}

async function main(): Promise<void> {
	const words = (process.env.WORDS ?? "").split(",");

	// One after another: each lookup waits for the one before it.
	for (const word of words) {
		await lookup(word);
	}
}

await main();
