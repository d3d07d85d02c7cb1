import net from "node:net";
import * as spans from "tutorial/spans";

// bufio.Scanner's default limit for one line.
const maxLine = 64 * 1024;

function main(): void {
	const ln = net.createServer((conn) => void handleConnection(conn));
	ln.on("error", (err) => {
		// Without a listener the program is useless: say so and fail.
		console.error("Error listening:", err.message);
		process.exitCode = 1;
	});
	ln.listen(8081);
}

async function handleConnection(conn: net.Socket): Promise<void> {
	// Each connection is a bar in the tutorial's timeline.
	spans.start("connection");
	// A client that connects and sends nothing must not hold this socket forever.
	// Like Go's SetReadDeadline, 5 s from now, however much arrives meanwhile
	// (conn.setTimeout would only measure time since the last activity).
	const deadline = setTimeout(() => conn.destroy(new Error("i/o timeout")), 5000);
	try {
		const line = await readLine(conn);
		// null: the client closed without sending anything.
		if (line !== null) {
			console.log("Received data:", line);
		}
	} catch (err) {
		console.error("Error reading:", (err as Error).message);
	} finally {
		clearTimeout(deadline);
		// Closed on every path, including the error paths.
		conn.destroy();
		spans.end("connection");
	}
}

// Like bufio.Scanner: collects chunks until a newline (or the end of the
// stream), however the message was split into packets, and returns only the
// bytes that arrived, without the newline.
async function readLine(conn: net.Socket): Promise<string | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	// Each turn of this loop is one conn.Read in Go.
	for await (const chunk of conn as AsyncIterable<Buffer>) {
		const newline = chunk.indexOf("\n");
		chunks.push(newline === -1 ? chunk : chunk.subarray(0, newline));
		size += chunk.length;
		if (newline !== -1) break;
		if (size > maxLine) throw new Error("token too long");
	}
	if (size === 0) return null;
	return Buffer.concat(chunks).toString("utf8").replace(/\r$/, "");
}

main();
