import type { Socket } from "node:net";
import mysql, { type Pool, type PoolConnection, type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

interface User {
	id: number;
	name: string;
}

// listUsers returns every user, or rejects with the first error it met,
// wrapped with what it was doing. Whether that is fatal is the caller's decision.
async function listUsers(db: Pool, signal: AbortSignal): Promise<User[]> {
	const conn = await db.getConnection();
	// At the deadline, close the socket, as Go's driver does: the query fails
	// at once. (mysql2's destroy() only ends our half of the socket, and the
	// query would still wait for the server's answer.)
	const abandon = () => closeSocket(conn);
	signal.addEventListener("abort", abandon, { once: true });
	let rows: RowDataPacket[];
	try {
		signal.throwIfAborted();
		// Named columns, and ORDER BY.
		[rows] = await conn.query<RowDataPacket[]>("SELECT id, name FROM users ORDER BY id");
	} catch (err) {
		const reason = signal.aborted ? (signal.reason as Error) : (err as Error);
		throw new Error(`query users: ${reason.message}`, { cause: err });
	} finally {
		signal.removeEventListener("abort", abandon);
		// A closed connection has already left the pool; release() knows.
		conn.release();
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

function closeSocket(conn: PoolConnection): void {
	(conn.connection as unknown as { stream: Socket }).stream.destroy();
}

async function run(): Promise<void> {
	// Like sql.Open, createPool prepares a pool; it dials nothing. Connecting
	// gets the same 3 s limit as the query.
	const db = mysql.createPool({ uri: process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database", connectTimeout: 3000 });
	try {
		// One deadline for the query: a stuck server cannot hang the program.
		// The query is a lane in the tutorial's timeline.
		spans.start("list-users");
		const users = await listUsers(db, AbortSignal.timeout(3000)).finally(() => spans.end("list-users"));
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
