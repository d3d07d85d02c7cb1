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
	try {
		// All or nothing: Promise.all rejects at the first failed shard.
		const totals = await Promise.all(shards.map((shard) => queryShard(db, shard)));
		let orders = 0;
		let amount = 0;
		totals.forEach((total, i) => {
			console.log(`${shards[i]}: ${total.orders} orders, ${total.amount}`);
			orders += total.orders;
			amount += total.amount;
		});
		console.log(`total: ${orders} orders, ${amount} (${shards.length} of ${shards.length} shards)`);
	} catch (err) {
		console.log(`error: ${(err as Error).message}`);
		process.exitCode = 1;
	} finally {
		await db.end();
	}
}

await main();
