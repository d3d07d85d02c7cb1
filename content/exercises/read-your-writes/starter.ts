import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";

const scratch = process.env.CLUSTER_SCRATCH_DB ?? "";
const noteId = Number(process.env.NOTE_ID ?? "1");
const note = process.env.NOTE ?? "hello";

const primary = await open(process.env.CLUSTER_PRIMARY ?? "", scratch);
const delayed = await open(process.env.CLUSTER_REPLICA_DELAYED ?? "", "database");
try {
	await primary.query("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
	await primary.query("INSERT INTO notes VALUES (?, ?)", [noteId, note]);

	// TODO: the delayed replica has not applied the write yet. Wait for it before reading.
	console.log(`replica-delayed: ${await readNote(delayed)}`);
} finally {
	await primary.end();
	await delayed.end();
}

async function open(addr: string, database: string): Promise<Connection> {
	const [host, port] = addr.split(":");
	return mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database });
}

async function readNote(replica: Connection): Promise<string> {
	try {
		const [rows] = await replica.query<RowDataPacket[]>(`SELECT body FROM \`${scratch}\`.notes WHERE id = ?`, [noteId]);
		return rows.length > 0 ? `note ${noteId} = ${rows[0].body}` : `no note ${noteId} yet`;
	} catch (error) {
		// No table, not even the database yet: the replica is behind.
		const errno = (error as { errno?: number }).errno;
		if (errno === 1146 || errno === 1049) return `no note ${noteId} yet`;
		throw error;
	}
}
