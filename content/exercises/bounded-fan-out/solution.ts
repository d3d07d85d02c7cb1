import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";

// printAmount looks one order up; the query takes about 200 ms.
async function printAmount(db: Pool, id: string): Promise<void> {
	try {
		const [rows] = await db.query<RowDataPacket[]>("SELECT amount FROM orders, (SELECT SLEEP(0.2)) AS work WHERE id = ?", [id]);
		console.log(`order ${id}: ${rows[0].amount}`);
	} catch (err) {
		console.log(`order ${id}: error: ${(err as Error).message}`);
	}
}

async function main(): Promise<void> {
	const limit = Number(process.env.LIMIT);
	if (!Number.isInteger(limit) || limit < 1) {
		console.log("LIMIT must be a positive number");
		return;
	}
	// No more connections than workers, kept open between jobs.
	const db = mysql.createPool({ uri: process.env.SCRATCH_URL ?? "", connectionLimit: limit, maxIdle: limit });
	const ids = (process.env.ORDER_IDS ?? "").split(",");

	// A worker pool: `limit` workers, each taking the next order until none
	// is left, so never more than `limit` queries at once.
	let next = 0;
	async function worker(): Promise<void> {
		while (next < ids.length) {
			const id = ids[next++];
			await printAmount(db, id);
		}
	}
	await Promise.all(Array.from({ length: limit }, () => worker()));
	await db.end();
}

await main();
