import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

const WAIT_SECONDS = 8;

// The runner gives this run a database of its own on the primary
// (CLUSTER_SCRATCH_DB); the replicas copy everything written into it.
const scratch = process.env.CLUSTER_SCRATCH_DB ?? "";
// One connection: the GTID we ask for below is our own session's last write.
const primary = await open(process.env.CLUSTER_PRIMARY ?? "", scratch);
const delayed = await open(process.env.CLUSTER_REPLICA_DELAYED ?? "", "database");

try {
	// Each step is a lane in the tutorial's timeline.
	spans.start("write");
	await primary.query("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
	await primary.query("INSERT INTO notes VALUES (1, 'written on the primary')");
	const { gtid, waitQuery } = await lastWrite(primary);
	spans.end("write");
	console.log("primary: wrote note 1");

	// The delayed replica applies each write a few seconds late: reading there now is a stale read.
	spans.start("stale-read");
	const stale = await readNote(delayed);
	spans.end("stale-read");
	console.log(`replica-delayed, right away: ${stale}`);

	// Read-your-writes: wait until the replica has applied our write (by its GTID), then read.
	spans.start("wait-for-gtid");
	const [[{ timedOut }]] = await delayed.query<RowDataPacket[]>(waitQuery, [gtid, WAIT_SECONDS]);
	spans.end("wait-for-gtid");
	if (Number(timedOut) !== 0) {
		console.log(`replica-delayed did not apply the write within ${WAIT_SECONDS} s`);
	} else {
		spans.start("fresh-read");
		const fresh = await readNote(delayed);
		spans.end("fresh-read");
		console.log(`replica-delayed, after waiting for the write's GTID: ${fresh}`);
	}
} finally {
	await primary.end();
	await delayed.end();
}

async function open(addr: string, database: string): Promise<Connection> {
	const [host, port] = addr.split(":");
	return mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database });
}

// What identifies our last write, and the query that waits for it on a
// replica: MariaDB and MySQL name both differently.
async function lastWrite(db: Connection): Promise<{ gtid: string; waitQuery: string }> {
	const [[{ version }]] = await db.query<RowDataPacket[]>("SELECT VERSION() AS version");
	const mariadb = String(version).toLowerCase().includes("mariadb");
	const variable = mariadb ? "@@last_gtid" : "@@GLOBAL.gtid_executed";
	const wait = mariadb ? "MASTER_GTID_WAIT" : "WAIT_FOR_EXECUTED_GTID_SET";
	const [[{ gtid }]] = await db.query<RowDataPacket[]>(`SELECT ${variable} AS gtid`);
	return { gtid: String(gtid), waitQuery: `SELECT ${wait}(?, ?) <> 0 AS timedOut` };
}

async function readNote(replica: Connection): Promise<string> {
	try {
		const [rows] = await replica.query<RowDataPacket[]>(`SELECT body FROM \`${scratch}\`.notes WHERE id = 1`);
		// No row yet: the replica is behind.
		return rows.length > 0 ? `note 1 = ${JSON.stringify(rows[0].body)}` : "no note 1 yet (stale)";
	} catch (error) {
		// No table, not even the database yet: the replica is behind.
		const errno = (error as { errno?: number }).errno;
		if (errno === 1146 || errno === 1049) return "no note 1 yet (stale)";
		throw error;
	}
}
