import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

const SLOW_QUERY = "SELECT SLEEP(2)";

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

// mysql2 takes no AbortSignal, so we race the query against the signal: when
// the signal fires we stop waiting. The query itself is not stopped by this.
function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const onAbort = () => reject(signal.reason);
		signal.addEventListener("abort", onAbort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
	});
}

async function main(): Promise<void> {
	const db = mysql.createPool(shardUrl("shard_1"));
	try {
		// One connection of our own, so we know its id on the server (mysql2 also
		// has it as conn.threadId; we ask the server, like the Go version).
		const conn = await db.getConnection();
		const [[{ id: connectionId }]] = await conn.query<RowDataPacket[]>("SELECT CONNECTION_ID() AS id");

		// AbortSignal.timeout is context.WithTimeout: it fires once, by itself.
		const signal = AbortSignal.timeout(300);
		const start = performance.now();
		// How long we waited is a lane in the tutorial's timeline.
		spans.start("slow-query");
		const slow = conn.query(SLOW_QUERY);
		try {
			await withSignal(slow, signal);
			console.log(SLOW_QUERY, "finished before the deadline");
		} catch (err) {
			if ((err as Error).name === "TimeoutError") console.log(SLOW_QUERY, "with a 300 ms deadline: deadline exceeded");
			else console.log(SLOW_QUERY, "failed:", (err as Error).message);
		} finally {
			spans.end("slow-query");
		}
		console.log("we waited less than the query's 2 s:", performance.now() - start < 1000);

		// We only stopped waiting: the server is still sleeping, and our
		// connection stays busy until it answers.
		let running = await stillRunning(db, connectionId);
		console.log("server still running the abandoned query:", running);

		// KILL QUERY stops the statement, not the connection. An account may always
		// kill its own queries; other accounts' need a privilege.
		spans.start("kill-query");
		await db.query(`KILL QUERY ${Number(connectionId)}`);
		spans.end("kill-query");
		// Our query now ends with "Query execution was interrupted" and frees the connection.
		await slow.catch(() => {});
		for (const deadline = performance.now() + 1000; running && performance.now() < deadline; ) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			running = await stillRunning(db, connectionId);
		}
		console.log("after KILL QUERY, still running:", running);
		conn.release();

		const [[{ customers }]] = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS customers FROM customers");
		console.log("the pool still works:", customers, "customers on shard_1");
	} catch (err) {
		console.log("Error:", (err as Error).message);
	} finally {
		await db.end();
	}
}

// Looks at the server's process list: is this connection still executing the slow query?
async function stillRunning(db: mysql.Pool, connectionId: number): Promise<boolean> {
	const [[{ count }]] = await db.execute<RowDataPacket[]>("SELECT COUNT(*) AS count FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO = ?", [connectionId, SLOW_QUERY]);
	return count > 0;
}

await main();
