import net from "node:net";
import { createInterface } from "node:readline";
import * as spans from "tutorial/spans";

async function main(): Promise<void> {
	// The tutorial's backend runs an echo server and tells us where it is.
	const [host, port] = (process.env.ECHO_ADDR ?? "localhost:7").split(":");

	// The connection, from dialling to closing, is a lane in the tutorial's timeline.
	spans.start("connection");
	const conn = net.connect(Number(port), host);
	try {
		await new Promise<void>((resolve, reject) => {
			conn.once("connect", resolve);
			conn.once("error", reject);
		});
	} catch (err) {
		console.log("Error dialing:", (err as Error).message);
		spans.end("connection");
		return;
	}

	// Like bufio.Reader + ReadString('\n'): one echoed line at a time.
	const lines = createInterface({ input: conn })[Symbol.asyncIterator]();
	try {
		for (const msg of ["SELECT 1", "안녕하세요", "bye"]) {
			conn.write(`${msg}\n`);

			const reply = await lines.next();
			if (reply.done) {
				console.log("Error reading:", "EOF");
				return;
			}
			console.log(`sent ${JSON.stringify(msg)}, echoed ${JSON.stringify(reply.value)}`);
		}
	} finally {
		// Like conn.Close(): closes both directions (end() would close only ours).
		conn.destroy();
		spans.end("connection");
	}
}

await main();
