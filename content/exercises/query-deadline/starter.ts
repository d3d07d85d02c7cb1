import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	const seconds = Number(process.env.SLEEP_SECONDS);

	// No deadline: this waits as long as the query takes.
	try {
		await db.query("SELECT SLEEP(?)", [seconds]);
		console.log("slow query: finished");
	} catch (err) {
		console.log(`slow query: error: ${(err as Error).message}`);
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
