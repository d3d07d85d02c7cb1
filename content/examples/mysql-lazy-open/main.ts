import mysql from "mysql2/promise";
import * as spans from "tutorial/spans";

// check creates a pool with the given URL, then pings it, and says which of
// the two steps reported a problem.
async function check(label: string, url: string): Promise<void> {
	const db = mysql.createPool(url);
	try {
		console.log(label, "open: ok (nothing dialed yet)");

		// getConnection takes a connection from the pool, so it dials and logs in.
		const conn = await db.getConnection();
		try {
			await conn.ping();
		} finally {
			conn.release();
		}
		console.log(label, "ping: ok");
	} catch (err) {
		// The server's error number is stable; its message text is not.
		const errno = (err as { errno?: number }).errno;
		console.log(label, "ping:", errno === undefined ? (err as Error).message : `MySQL error ${errno}`);
	} finally {
		await db.end();
	}
}

async function main(): Promise<void> {
	const url = process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database";
	const wrong = new URL(url);
	wrong.password = "wrong-password";
	// Each check is a lane in the tutorial's timeline.
	spans.start("wrong-password");
	await check("[wrong password]", wrong.href);
	spans.end("wrong-password");
	spans.start("right-password");
	await check("[right password]", url);
	spans.end("right-password");
}

await main();
