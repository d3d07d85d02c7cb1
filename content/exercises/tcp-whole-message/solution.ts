import net from "node:net";

function main(): void {
	const ln = net.createServer((conn) => void handleConnection(conn));
	ln.on("error", (err) => {
		console.log("Error listening:", err.message);
	});
	ln.listen(8080);
}

async function handleConnection(conn: net.Socket): Promise<void> {
	try {
		const line = await readLine(conn);
		if (line !== null) {
			console.log("Received data:", line);
		}
	} catch (err) {
		console.log("Error reading:", (err as Error).message);
	} finally {
		conn.destroy();
	}
}

// Collects chunks until a newline, however the message was split into
// pieces, and returns only the bytes that arrived, without the newline.
async function readLine(conn: net.Socket): Promise<string | null> {
	const chunks: Buffer[] = [];
	for await (const chunk of conn as AsyncIterable<Buffer>) {
		const newline = chunk.indexOf("\n");
		chunks.push(newline === -1 ? chunk : chunk.subarray(0, newline));
		if (newline !== -1) break;
	}
	if (chunks.length === 0) return null;
	return Buffer.concat(chunks).toString("utf8");
}

main();
