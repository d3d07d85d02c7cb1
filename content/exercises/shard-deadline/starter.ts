import mysql, { type RowDataPacket } from "mysql2/promise";

const MIN_AMOUNT = Number(process.env.MIN_AMOUNT ?? "0");
// The deadline each shard gets, from connecting to reading its row.
const DEADLINE_MS = Number(process.env.DEADLINE_MS ?? "2000");

type Reply = { orders: number; amount: number } | { error: unknown };

const shards = [1, 2, 3].map((k) => ({ name: `shard-${k}`, addr: process.env[`CLUSTER_SHARD_${k}`] ?? "", database: `shard_${k}` }));

async function queryShard(shard: (typeof shards)[number]): Promise<Reply> {
	const [host, port] = shard.addr.split(":");
	try {
		// TODO: a shard that never answers keeps this waiting forever. Give up after DEADLINE_MS.
		const db = await mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: shard.database });
		try {
			const [rows] = await db.query<RowDataPacket[]>(
				"SELECT COUNT(*) AS orders, COALESCE(SUM(amount), 0) AS amount FROM orders WHERE amount >= ?",
				[MIN_AMOUNT],
			);
			return { orders: Number(rows[0].orders), amount: Number(rows[0].amount) };
		} finally {
			await db.end();
		}
	} catch (error) {
		return { error };
	}
}

const replies = await Promise.all(shards.map(queryShard));
let orders = 0;
let amount = 0;
let answered = 0;
shards.forEach((shard, i) => {
	const reply = replies[i];
	if ("error" in reply) {
		console.log(`${shard.name}: failed: ${(reply.error as Error).message}`);
		return;
	}
	answered++;
	orders += reply.orders;
	amount += reply.amount;
	console.log(`${shard.name}: ${reply.orders} orders, amount ${reply.amount}`);
});
console.log(`total: ${orders} orders, amount ${amount} (${answered} of ${shards.length} shards)`);
