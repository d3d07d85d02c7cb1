import net from "node:net";
import { once } from "node:events";
import { createInterface } from "node:readline";

async function main(): Promise<void> {
	const [host, port] = (process.env.ECHO_ADDR ?? "").split(":");
	const conn = net.connect(Number(port), host);
	try {
		await once(conn, "connect");
		// Like bufio.Reader + ReadString('\n'): pieces are collected until a
		// newline, and what came after it waits for the next line.
		const lines = createInterface({ input: conn })[Symbol.asyncIterator]();
		for (const msg of (process.env.MESSAGES ?? "").split(",")) {
			conn.write(`${msg}\n`);

			const reply = await lines.next();
			if (reply.done) {
				console.log("Error reading: EOF");
				return;
			}
			console.log(`echoed ${Buffer.byteLength(reply.value)} bytes`);
		}
	} catch (err) {
		console.log("Error:", (err as Error).message);
	} finally {
		conn.destroy();
	}
}

await main();
