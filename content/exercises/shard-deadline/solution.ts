import mysql, { type RowDataPacket } from "mysql2";

const MIN_AMOUNT = Number(process.env.MIN_AMOUNT ?? "0");
// The deadline each shard gets, from connecting to reading its row.
const DEADLINE_MS = Number(process.env.DEADLINE_MS ?? "2000");

type Reply = { orders: number; amount: number } | { error: unknown };

const shards = [1, 2, 3].map((k) => ({ name: `shard-${k}`, addr: process.env[`CLUSTER_SHARD_${k}`] ?? "", database: `shard_${k}` }));

async function queryShard(shard: (typeof shards)[number]): Promise<Reply> {
	const [host, port] = shard.addr.split(":");
	// The callback API gives the connection at once, so the deadline can close it even mid-handshake.
	const connection = mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: shard.database });
	connection.on("error", () => {});
	const signal = AbortSignal.timeout(DEADLINE_MS);
	try {
		const query = connection
			.promise()
			.query<RowDataPacket[]>("SELECT COUNT(*) AS orders, COALESCE(SUM(amount), 0) AS amount FROM orders WHERE amount >= ?", [MIN_AMOUNT]);
		const [rows] = await withSignal(query, signal);
		return { orders: Number(rows[0].orders), amount: Number(rows[0].amount) };
	} catch (error) {
		return { error };
	} finally {
		// A connection left open (to a silent shard) would keep the program alive.
		connection.destroy();
	}
}

function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const onAbort = () => reject(signal.reason);
		signal.addEventListener("abort", onAbort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
	});
}

function describe(error: unknown): string {
	const err = error as Error & { code?: string };
	if (err.code === "ECONNREFUSED") return "connection refused";
	if (err.name === "TimeoutError") return `no answer within ${DEADLINE_MS} ms`;
	return err.message;
}

const replies = await Promise.all(shards.map(queryShard));
let orders = 0;
let amount = 0;
let answered = 0;
shards.forEach((shard, i) => {
	const reply = replies[i];
	if ("error" in reply) {
		console.log(`${shard.name}: failed: ${describe(reply.error)}`);
		return;
	}
	answered++;
	orders += reply.orders;
	amount += reply.amount;
	console.log(`${shard.name}: ${reply.orders} orders, amount ${reply.amount}`);
});
console.log(`total: ${orders} orders, amount ${amount} (${answered} of ${shards.length} shards)`);
