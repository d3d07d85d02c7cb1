import mysql, { type RowDataPacket } from "mysql2/promise";

const userId = Number(process.env.USER_ID ?? "1");
// The deadline each node gets, from connecting to reading the row.
const DEADLINE_MS = Number(process.env.DEADLINE_MS ?? "2000");

// TODO: when the primary cannot answer (within DEADLINE_MS), try CLUSTER_REPLICA, then CLUSTER_REPLICA_DELAYED.
const [host, port] = (process.env.CLUSTER_PRIMARY ?? "").split(":");
const db = await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: "database" });
try {
	const [rows] = await db.query<RowDataPacket[]>("SELECT name FROM users WHERE id = ?", [userId]);
	console.log(`read from primary: user ${userId} = ${rows[0]?.name}`);
	console.log("writes: available");
} finally {
	await db.end();
}
