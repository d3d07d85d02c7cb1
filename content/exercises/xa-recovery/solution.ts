import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";

// The runner gives this run a database of its own on shard-1 and shard-2 (CLUSTER_XA_DB).
const database = process.env.CLUSTER_XA_DB ?? "";
// Each transfer moves `amount` from its sender on shard-1 (from-<xid>) to its receiver on shard-2 (to-<xid>).
// `preparedOn` says how far phase 1 got before the crash: "both", or only "shard-1" or "shard-2".
const transfers = (process.env.TRANSFERS ?? "")
	.split(",")
	.filter(Boolean)
	.map((item) => {
		const [xid, amount, preparedOn] = item.split(":");
		return { xid, amount: Number(amount), preparedOn };
	});

// Given: the coordinator crashes in the middle of its transfers. Do not change this part.
await crash();

// Recovery: a new coordinator starts with a connection to each shard.
const shard1 = await connect("CLUSTER_SHARD_1");
const shard2 = await connect("CLUSTER_SHARD_2");
try {
	await recoverTransfers(shard1, shard2);
	// Given: what recovery left behind.
	const left = [...(await prepared(shard1)), ...(await prepared(shard2))];
	console.log(`still in doubt: ${left.length > 0 ? left.join(", ") : "none"}`);
	const [a, b] = [await total(shard1), await total(shard2)];
	console.log(`after recovery: shard-1 ${a}, shard-2 ${b}, total ${a + b}`);
} finally {
	await shard1.end();
	await shard2.end();
}

// A transfer is committed only if BOTH shards prepared it (both promised to commit); one prepared on a
// single shard never finished phase 1, so it is rolled back there. One line per transfer, in name order.
async function recoverTransfers(shard1: Connection, shard2: Connection): Promise<void> {
	const on1 = await prepared(shard1);
	const on2 = await prepared(shard2);
	for (const xid of [...new Set([...on1, ...on2])].sort()) {
		if (on1.includes(xid) && on2.includes(xid)) {
			await shard1.query(`XA COMMIT '${xid}'`);
			await shard2.query(`XA COMMIT '${xid}'`);
			console.log(`${xid}: committed`);
		} else {
			const shard = on1.includes(xid) ? shard1 : shard2;
			await shard.query(`XA ROLLBACK '${xid}'`);
			console.log(`${xid}: rolled back`);
		}
	}
}

/** The transfers a shard has prepared and not yet decided (XA RECOVER). */
async function prepared(shard: Connection): Promise<string[]> {
	const [rows] = await shard.query<RowDataPacket[]>("XA RECOVER");
	return rows
		.map((row) => Buffer.from(row.data).subarray(0, Number(row.gtrid_length)).toString())
		.filter((xid) => xid.startsWith("tx-"));
}

async function total(shard: Connection): Promise<number> {
	const [[row]] = await shard.query<RowDataPacket[]>("SELECT COALESCE(SUM(balance), 0) AS total FROM accounts");
	return Number(row.total);
}

async function connect(env: string): Promise<Connection> {
	const [host, port] = (process.env[env] ?? "").split(":");
	return mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database });
}

async function crash(): Promise<void> {
	const setup1 = await connect("CLUSTER_SHARD_1");
	const setup2 = await connect("CLUSTER_SHARD_2");
	await setup1.query("CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)");
	await setup2.query("CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)");
	for (const { xid } of transfers) {
		await setup1.query("INSERT INTO accounts VALUES (?, 500)", [`from-${xid}`]);
		await setup2.query("INSERT INTO accounts VALUES (?, 100)", [`to-${xid}`]);
	}
	await setup1.end();
	await setup2.end();
	// Phase 1 of every transfer, each on connections of its own; the coordinator dies before phase 2.
	for (const { xid, amount, preparedOn } of transfers) {
		for (const [env, shard, owner, delta] of [
			["CLUSTER_SHARD_1", "shard-1", `from-${xid}`, -amount],
			["CLUSTER_SHARD_2", "shard-2", `to-${xid}`, amount],
		] as const) {
			if (preparedOn !== "both" && preparedOn !== shard) continue;
			const db = await connect(env);
			await db.query(`XA START '${xid}'`);
			await db.query("UPDATE accounts SET balance = balance + ? WHERE owner = ?", [delta, owner]);
			await db.query(`XA END '${xid}'`);
			await db.query(`XA PREPARE '${xid}'`);
			// The connection closes; the prepared transaction stays on the shard, undecided.
			await db.end();
		}
	}
	console.log(`crashed with ${transfers.length} transfers in doubt`);
}
