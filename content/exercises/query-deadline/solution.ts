import mysql, { type RowDataPacket } from "mysql2/promise";

class DeadlineExceeded extends Error {}

async function main(): Promise<void> {
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	const seconds = Number(process.env.SLEEP_SECONDS);
	const deadlineMs = Number(process.env.DEADLINE_MS);

	// The slow query gets a connection of its own, so that at the deadline
	// we can destroy exactly that one: only then does nothing wait for the
	// query any more (end() would).
	const connection = await db.getConnection();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DeadlineExceeded()), deadlineMs);
	});
	try {
		await Promise.race([connection.query("SELECT SLEEP(?)", [seconds]), deadline]);
		console.log("slow query: finished");
		connection.release();
	} catch (err) {
		if (err instanceof DeadlineExceeded) {
			console.log("slow query: deadline exceeded");
		} else {
			console.log(`slow query: error: ${(err as Error).message}`);
		}
		connection.destroy();
	} finally {
		clearTimeout(timer);
	}

	try {
		const [rows] = await db.query<RowDataPacket[]>("SELECT token FROM probe");
		console.log(`token: ${rows[0].token}`);
	} catch (err) {
		console.log(`probe: error: ${(err as Error).message}`);
	}
	await db.end();
}

await main();
