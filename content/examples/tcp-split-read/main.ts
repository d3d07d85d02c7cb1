import net from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import * as spans from "tutorial/spans";

// serveOne waits for one connection, reads from it with read, and resolves
// with what was read.
function serveOne(ln: net.Server, read: (conn: net.Socket) => Promise<string>): Promise<string> {
	return new Promise((resolve) => {
		ln.once("connection", (conn: net.Socket) => {
			read(conn)
				.catch((err: Error) => `Error reading: ${err.message}`)
				.then(resolve)
				.finally(() => conn.destroy());
		});
	});
}

function write(conn: net.Socket, data: string): Promise<void> {
	return new Promise((resolve, reject) => conn.write(data, (err) => (err ? reject(err) : resolve())));
}

// sendInTwoPieces writes one line as two writes and awaits between() after
// the first, so the line reaches the server as two separate pieces.
async function sendInTwoPieces(port: number, between: () => Promise<unknown>): Promise<void> {
	const conn = net.connect(port, "127.0.0.1");
	await once(conn, "connect");
	// The first server closes after one read, so its system answers our
	// second piece with a reset. Go's client never reads and never sees it;
	// a Node socket reads by default and reports it as an 'error' event,
	// which ends the process when nobody listens. A failed write still
	// rejects through write()'s callback.
	conn.on("error", () => {});
	try {
		await write(conn, "Hello, ");
		await between();
		await write(conn, "distributed world\n");
	} finally {
		// Go's conn.Close() closes both directions: destroy(), not end().
		conn.destroy();
	}
}

async function main(): Promise<void> {
	// Port 0: the system picks a free port, so this program never collides with another.
	const ln = net.createServer();
	ln.listen(0, "127.0.0.1");
	try {
		await once(ln, "listening");
	} catch (err) {
		console.log("Error listening:", (err as Error).message);
		return;
	}
	const { port } = ln.address() as net.AddressInfo;

	try {
		// 1. The post's way: one read into a 1024-byte buffer. The client sends
		// its second piece only after that read returned.
		let firstRead!: () => void;
		const firstReadDone = new Promise<void>((resolve) => (firstRead = resolve));
		// Each send and each read is a lane in the tutorial's timeline.
		let got = serveOne(ln, async (conn) => {
			spans.start("read-1");
			const buf = Buffer.alloc(1024);
			const [chunk] = (await once(conn, "data")) as [Buffer];
			const n = chunk.copy(buf);
			firstRead();
			spans.end("read-1");
			return buf.subarray(0, n).toString();
		});
		spans.start("send-1");
		// An unref'd timer does not keep the process alive once the rest is done.
		await sendInTwoPieces(port, () => Promise.race([firstReadDone, sleep(1000, undefined, { ref: false })]));
		spans.end("send-1");
		console.log(`one Read:        ${JSON.stringify(await got)}`);

		// 2. Reading until the newline, however many chunks that takes: the
		// same two pieces, with a pause between them, arrive as one line.
		got = serveOne(ln, async (conn) => {
			spans.start("read-2");
			let text = "";
			for await (const chunk of conn as AsyncIterable<Buffer>) {
				text += chunk.toString();
				if (text.includes("\n")) break;
			}
			spans.end("read-2");
			return text.split("\n")[0];
		});
		spans.start("send-2");
		await sendInTwoPieces(port, () => sleep(50));
		spans.end("send-2");
		console.log(`read to newline: ${JSON.stringify(await got)}`);
	} catch (err) {
		console.log("Error sending:", (err as Error).message);
	} finally {
		ln.close();
	}
}

await main();
