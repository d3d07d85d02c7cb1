import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const db = await mysql.createConnection(process.env.SCRATCH_URL ?? "");
	try {
		const name = process.env.NAME ?? "";
		// Dangerous: the input becomes part of the SQL text.
		const sql = "SELECT id, name, city FROM customers WHERE name = '" + name + "' ORDER BY id";
		const [rows] = await db.query<RowDataPacket[]>(sql);
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
