import net from "node:net";

function main(): void {
	// net.createServer accepts in a loop for us and calls the handler once per
	// connection, like `go handleConnection(conn)` after each ln.Accept().
	const ln = net.createServer((conn) => void handleConnection(conn));
	ln.on("error", (err) => {
		console.log("Error listening:", err.message);
	});
	ln.listen(8080);
}

async function handleConnection(conn: net.Socket): Promise<void> {
	const buf = Buffer.alloc(1024);
	try {
		await read(conn, buf);
	} catch (err) {
		console.log("Error reading:", (err as Error).message);
	}

	// 데이터 처리 로직
	console.log("Received data:", buf.toString());

	conn.destroy();
}

// One conn.Read: the first chunk that arrives, at most buf.length bytes of it;
// EOF when the peer closes before sending anything.
function read(conn: net.Socket, buf: Buffer): Promise<number> {
	return new Promise((resolve, reject) => {
		conn.once("data", (chunk: Buffer) => resolve(chunk.copy(buf)));
		conn.once("end", () => reject(new Error("EOF")));
		conn.once("error", reject);
	});
}

main();
