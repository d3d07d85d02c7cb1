import mysql, { type RowDataPacket } from "mysql2/promise";

async function main(): Promise<void> {
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	try {
		// 쿼리 수행: every column, in whatever order the table has them.
		let rows: RowDataPacket[][];
		try {
			[rows] = await db.query<RowDataPacket[][]>({ sql: "SELECT * FROM users", rowsAsArray: true });
		} catch (err) {
			console.log("Error executing query:", (err as Error).message);
			return;
		}

		for (const [id, name] of rows) {
			// 데이터 처리 로직
			console.log("User ID:", id, "Name:", name);
		}
	} finally {
		await db.end();
	}
}

await main();
