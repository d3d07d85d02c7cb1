import net from "node:net";
import { once } from "node:events";

async function main(): Promise<void> {
	const [host, port] = (process.env.ECHO_ADDR ?? "").split(":");
	const conn = net.connect(Number(port), host);
	try {
		await once(conn, "connect");
		for (const msg of (process.env.MESSAGES ?? "").split(",")) {
			conn.write(`${msg}\n`);

			// One read: the first piece that arrives, at most 1024 bytes of it.
			const [chunk] = (await once(conn, "data")) as [Buffer];
			const reply = chunk.subarray(0, 1024).toString().replace(/\n$/, "");
			console.log(`echoed ${Buffer.byteLength(reply)} bytes`);
		}
	} catch (err) {
		console.log("Error:", (err as Error).message);
	} finally {
		conn.destroy();
	}
}

await main();
