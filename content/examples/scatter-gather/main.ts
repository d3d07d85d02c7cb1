import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

// shard_4 is in the map but was never created: it fails like a shard whose
// server is misconfigured, with a real MySQL error.
const SHARDS = ["shard_1", "shard_2", "shard_3", "shard_4"];

const PER_SHARD_TIMEOUT_MS = 2000;

const CUSTOMER_TOTALS = `SELECT c.id, c.name, c.city, COUNT(o.id) AS orders, COALESCE(SUM(o.amount), 0) AS amount
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name, c.city`;

interface CustomerTotal {
	id: number;
	name: string;
	city: string;
	orders: number;
	amount: number;
}

type ShardReply = { shard: string; customers: CustomerTotal[] } | { shard: string; error: unknown };

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

async function main(): Promise<void> {
	// Scatter: one query per shard, all at once, each with its own deadline.
	// queryShard never rejects, so Promise.all waits for every shard.
	const replies = await Promise.all(SHARDS.map(queryShard));

	// Gather: report every shard in a fixed order, keep what answered.
	const all: CustomerTotal[] = [];
	const missing: string[] = [];
	for (const reply of replies) {
		if ("error" in reply) {
			console.log(`${reply.shard}: failed: ${describe(reply.error)}`);
			missing.push(reply.shard);
			continue;
		}
		console.log(`${reply.shard}: ${reply.customers.length} customers`);
		all.push(...reply.customers);
	}
	if (missing.length > 0) {
		console.log(`partial result: ${SHARDS.length - missing.length} of ${SHARDS.length} shards answered, missing ${missing.join(", ")}`);
	}

	printCityTotals(all);
	printTopCustomers(all, 3);
}

async function queryShard(shard: string): Promise<ShardReply> {
	// Each shard's query is a lane in the tutorial's timeline.
	spans.start(shard);
	// In production each shard is its own server with its own pool; here they
	// are databases on one server.
	const db = mysql.createPool(shardUrl(shard));
	// The deadline covers connecting, querying and reading every row. mysql2
	// takes no AbortSignal, so we stop waiting when it fires.
	const signal = AbortSignal.timeout(PER_SHARD_TIMEOUT_MS);
	try {
		const [rows] = await withSignal(db.query<RowDataPacket[]>(CUSTOMER_TOTALS), signal);
		const customers = rows.map((row) => ({ id: row.id, name: row.name, city: row.city, orders: Number(row.orders), amount: Number(row.amount) }));
		return { shard, customers };
	} catch (error) {
		return { shard, error };
	} finally {
		// Like db.Close(), but not awaited: after a timeout, end() waits for the
		// abandoned query to finish, and the report should not wait with it.
		db.end().catch(() => {});
		spans.end(shard);
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
	const err = error as Error & { errno?: number; sqlMessage?: string };
	if (err.name === "TimeoutError") return `no answer within ${PER_SHARD_TIMEOUT_MS} ms`;
	if (err.sqlMessage !== undefined) return `MySQL error ${err.errno}`;
	return err.message;
}

function printCityTotals(all: CustomerTotal[]): void {
	const byCity = new Map<string, { city: string; orders: number; amount: number }>();
	for (const c of all) {
		const total = byCity.get(c.city) ?? { city: c.city, orders: 0, amount: 0 };
		total.orders += c.orders;
		total.amount += c.amount;
		byCity.set(c.city, total);
	}
	// Sort, with a tie-breaker, for a stable report (the Go version must: its map order is random).
	const cities = [...byCity.values()].sort((a, b) => b.amount - a.amount || compare(a.city, b.city));
	console.log("order amount per city:");
	for (const total of cities) {
		console.log(`  ${total.city}: ${total.amount} (orders: ${total.orders})`);
	}
}

function printTopCustomers(all: CustomerTotal[], n: number): void {
	const sorted = [...all].sort((a, b) => b.amount - a.amount || a.id - b.id);
	console.log(`top ${n} customers:`);
	sorted.slice(0, n).forEach((c, i) => console.log(`  ${i + 1}. ${c.name} (${c.city}): ${c.amount}`));
}

// Go compares strings byte by byte; < gives the same order here (localeCompare would not).
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

await main();
