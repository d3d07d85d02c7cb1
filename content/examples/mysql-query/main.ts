import mysql, { type RowDataPacket } from "mysql2/promise";

interface User extends RowDataPacket {
	id: number;
	name: string;
}

async function main(): Promise<void> {
	// Like sql.Open, createPool only prepares a pool: the first query connects.
	// The runner sets MYSQL_URL to the tutorial's read-only user.
	const db = mysql.createPool(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	try {
		// 쿼리 수행
		let rows: User[];
		try {
			[rows] = await db.query<User[]>("SELECT * FROM users");
		} catch (err) {
			console.log("Error executing query:", (err as Error).message);
			return;
		}

		for (const { id, name } of rows) {
			// 데이터 처리 로직
			console.log("User ID:", id, "Name:", name);
		}
	} finally {
		await db.end();
	}
}

await main();
