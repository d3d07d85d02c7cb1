import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const db = await mysql.createConnection(process.env.SCRATCH_URL ?? "");
	try {
		const name = process.env.NAME ?? "";
		// The SQL text is fixed; the name travels separately as a value (a
		// server-side prepared statement), so it can only ever be a name.
		const [rows] = await db.execute<RowDataPacket[]>("SELECT id, name, city FROM customers WHERE name = ? ORDER BY id", [name]);
		for (const row of rows) {
			console.log(`${row.id} ${row.name} (${row.city})`);
		}
		console.log(`rows: ${rows.length}`);
	} catch (err) {
		console.log(`error: ${(err as Error).message}`);
		process.exitCode = 1;
	} finally {
		await db.end();
	}
}

await main();
