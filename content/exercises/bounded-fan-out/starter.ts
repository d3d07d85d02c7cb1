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
	// The pool opens a connection for every query waiting, up to its default of 10.
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	const ids = (process.env.ORDER_IDS ?? "").split(",");

	// Every query at once.
	await Promise.all(ids.map((id) => printAmount(db, id)));
	await db.end();
}

await main();
