import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";

interface User {
	id: number;
	name: string;
}

// listUsers returns every user, or rejects with the first error it met,
// wrapped with what it was doing. Whether that is fatal is the caller's decision.
async function listUsers(db: Pool, timeoutMs: number): Promise<User[]> {
	let rows: RowDataPacket[];
	try {
		// Named columns, ORDER BY, and a deadline (mysql2's `timeout`, in ms).
		[rows] = await db.query<RowDataPacket[]>({ sql: "SELECT id, name FROM users ORDER BY id", timeout: timeoutMs });
	} catch (err) {
		throw new Error(`query users: ${(err as Error).message}`, { cause: err });
	}
	// A type parameter on query() is a claim nobody checks at run time;
	// check what rows.Scan would have checked for us.
	return rows.map((row) => {
		if (typeof row.id !== "number" || typeof row.name !== "string") {
			throw new Error(`scan user: unexpected row ${JSON.stringify(row)}`);
		}
		return { id: row.id, name: row.name };
	});
}

async function run(): Promise<void> {
	// Like sql.Open, createPool prepares a pool; it dials nothing.
	const db = mysql.createPool(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	try {
		const users = await listUsers(db, 3000);
		for (const u of users) {
			console.log("User ID:", u.id, "Name:", u.name);
		}
	} finally {
		// The pool's sockets would keep the process alive: end it on every path.
		await db.end();
	}
}

try {
	await run();
} catch (err) {
	console.error("Error:", (err as Error).message);
	process.exitCode = 1;
}
