import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const url = new URL(process.env.SCRATCH_URL ?? "");
	url.password = process.env.MYSQL_PASSWORD ?? "";
	const db = mysql.createPool(url.href);
	try {
		// Taking a connection really connects: a wrong password shows up here, now.
		try {
			const connection = await db.getConnection();
			connection.release();
		} catch (err) {
			console.error("Error connecting to MySQL:", (err as Error).message);
			process.exitCode = 1;
			return;
		}
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
