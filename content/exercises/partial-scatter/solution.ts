import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";

interface ShardTotal {
	orders: number;
	amount: number;
}

// queryShard asks one shard for its order count and sum. Table names cannot
// be placeholders; these come from the configuration, never from a user.
async function queryShard(db: Pool, shard: string): Promise<ShardTotal> {
	const [rows] = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS orders, COALESCE(SUM(amount), 0) AS amount FROM ${shard}`);
	return { orders: Number(rows[0].orders), amount: Number(rows[0].amount) };
}

async function main(): Promise<void> {
	const db = mysql.createPool(process.env.SCRATCH_URL ?? "");
	const shards = (process.env.SHARDS ?? "").split(",");
	// allSettled waits for every shard and keeps the failures as results.
	const settled = await Promise.allSettled(shards.map((shard) => queryShard(db, shard)));
	let orders = 0;
	let amount = 0;
	let answered = 0;
	settled.forEach((outcome, i) => {
		if (outcome.status === "rejected") {
			console.log(`${shards[i]}: failed: ${(outcome.reason as Error).message}`);
			return;
		}
		console.log(`${shards[i]}: ${outcome.value.orders} orders, ${outcome.value.amount}`);
		orders += outcome.value.orders;
		amount += outcome.value.amount;
		answered++;
	});
	console.log(`total: ${orders} orders, ${amount} (${answered} of ${shards.length} shards)`);
	await db.end();
}

await main();
