import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const url = new URL(process.env.SCRATCH_URL ?? "");
	url.password = process.env.MYSQL_PASSWORD ?? "";
	const db = mysql.createPool(url.href);
	try {
		// createPool has not talked to the server yet.
		console.log("connected");

		const [rows] = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS count FROM users");
		console.log(`users: ${rows[0].count}`);
	} catch (err) {
		console.error("Error:", (err as Error).message);
		process.exitCode = 1;
	} finally {
		await db.end();
	}
}

await main();
