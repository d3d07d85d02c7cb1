import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	try {
		// Named columns: the table's own column order no longer matters.
		const [rows] = await db.query<RowDataPacket[][]>({ sql: "SELECT id, name FROM users ORDER BY id", rowsAsArray: true });
		for (const [id, name] of rows) {
			console.log("User ID:", id, "Name:", name);
		}
	} catch (err) {
		// A failure is reported as one, on stderr and in the exit status.
		console.error("Error: query users:", (err as Error).message);
		process.exitCode = 1;
	} finally {
		await db.end();
	}
}

await main();
