import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

// Alice's account lives on shard-1, Bob's on shard-2. The runner gives this
// run a database of its own on both (CLUSTER_XA_DB).
const database = process.env.CLUSTER_XA_DB ?? "";

interface Shard {
	name: string;
	// One connection per shard: an XA transaction belongs to the session that started it.
	db: Connection;
}

let alice = await connect("shard-1", "CLUSTER_SHARD_1");
let bob = await connect("shard-2", "CLUSTER_SHARD_2");
await alice.db.query("CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)");
await bob.db.query("CREATE TABLE accounts (owner VARCHAR(20) PRIMARY KEY, balance INT NOT NULL)");
await alice.db.query("INSERT INTO accounts VALUES ('Alice', 500)");
await bob.db.query("INSERT INTO accounts VALUES ('Bob', 100)");
await balances("before");

// Phase 1: each shard does its part and promises (PREPARE) it can commit.
// Phase 2: only when both promised, the coordinator commits both.
// Each transfer is a lane in the tutorial's timeline, from PREPARE to its outcome.
spans.start("transfer-1");
await prepare("transfer-1", 100);
await alice.db.query("XA COMMIT 'transfer-1'");
await bob.db.query("XA COMMIT 'transfer-1'");
spans.end("transfer-1");
console.log("transfer-1: prepared on both shards, committed on both");
await balances("after transfer-1");

// The coordinator crashes between the phases: both shards have promised,
// nobody has told them the outcome. Their connections close.
spans.start("transfer-2");
await prepare("transfer-2", 50);
await alice.db.end();
await bob.db.end();
console.log("transfer-2: prepared on both shards, then the coordinator crashed");

// A new coordinator starts. The prepared transaction survived on each shard,
// invisible to readers until it is decided.
alice = await connect("shard-1", "CLUSTER_SHARD_1");
bob = await connect("shard-2", "CLUSTER_SHARD_2");
await balances("while in doubt");
// Recovery: ask each shard what it has prepared. Both prepared transfer-2, so commit it.
spans.start("recovery");
for (const shard of [alice, bob]) console.log(`${shard.name} XA RECOVER: ${(await recovered(shard)).join(", ")}`);
await alice.db.query("XA COMMIT 'transfer-2'");
await bob.db.query("XA COMMIT 'transfer-2'");
spans.end("recovery");
spans.end("transfer-2");
console.log("transfer-2: recovered and committed on both");
await balances("after recovery");
await alice.db.end();
await bob.db.end();

async function connect(name: string, env: string): Promise<Shard> {
	const [host, port] = (process.env[env] ?? "").split(":");
	return { name, db: await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database }) };
}

async function prepare(xid: string, amount: number): Promise<void> {
	for (const [shard, owner, delta] of [
		[alice, "Alice", -amount],
		[bob, "Bob", amount],
	] as const) {
		await shard.db.query(`XA START '${xid}'`);
		await shard.db.query("UPDATE accounts SET balance = balance + ? WHERE owner = ?", [delta, owner]);
		await shard.db.query(`XA END '${xid}'`);
		await shard.db.query(`XA PREPARE '${xid}'`);
	}
}

async function balances(when: string): Promise<void> {
	const a = await balance(alice, "Alice");
	const b = await balance(bob, "Bob");
	console.log(`${when}: Alice ${a}, Bob ${b}, total ${a + b}`);
}

async function balance(shard: Shard, owner: string): Promise<number> {
	const [rows] = await shard.db.query<RowDataPacket[]>("SELECT balance FROM accounts WHERE owner = ?", [owner]);
	return Number(rows[0].balance);
}

// The transfers a shard has prepared and not yet decided.
async function recovered(shard: Shard): Promise<string[]> {
	const [rows] = await shard.db.query<RowDataPacket[]>("XA RECOVER");
	return rows
		.map((row) => Buffer.from(row.data).subarray(0, Number(row.gtrid_length)).toString())
		.filter((xid) => xid.startsWith("transfer-"));
}
