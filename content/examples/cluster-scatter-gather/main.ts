import mysql, { type RowDataPacket } from "mysql2";
import * as spans from "tutorial/spans";

const PER_SHARD_TIMEOUT_MS = 5000;
// A shard this far behind the fastest one is reported as slow (the
// shards are asked at once, so a busy machine delays them all alike).
const BEHIND_BY_MS = 1000;

const SHARD_TOTALS = `SELECT COUNT(DISTINCT c.id) AS customers, COUNT(o.id) AS orders, COALESCE(SUM(o.amount), 0) AS amount
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id`;

interface Shard {
	name: string;
	addr: string;
	database: string;
}

type Reply = { customers: number; orders: number; amount: number; tookMs: number } | { error: unknown };

// Each shard is a server of its own now. The runner puts their addresses
// in the environment: CLUSTER_SHARD_1, CLUSTER_SHARD_2, CLUSTER_SHARD_3.
const shards: Shard[] = [1, 2, 3].map((k) => ({
	name: `shard-${k}`,
	addr: process.env[`CLUSTER_SHARD_${k}`] ?? "",
	database: `shard_${k}`,
}));

async function main(): Promise<void> {
	// Scatter: one query per shard server, all at once, each with its own deadline.
	const replies = await Promise.all(shards.map(queryShard));

	// Gather: every shard in a fixed order; what did not answer is named.
	let customers = 0;
	let orders = 0;
	let amount = 0;
	let answered = 0;
	const fastest = Math.min(...replies.map((reply) => ("error" in reply ? PER_SHARD_TIMEOUT_MS : reply.tookMs)));
	const slow: string[] = [];
	shards.forEach((shard, i) => {
		const reply = replies[i];
		if ("error" in reply) {
			console.log(`${shard.name}: failed: ${describe(reply.error)}`);
			return;
		}
		answered++;
		customers += reply.customers;
		orders += reply.orders;
		amount += reply.amount;
		console.log(`${shard.name}: ${reply.customers} customers, ${reply.orders} orders, amount ${reply.amount}`);
		if (reply.tookMs - fastest > BEHIND_BY_MS) slow.push(shard.name);
	});
	console.log(`answered: ${answered} of ${shards.length} shards`);
	console.log(`total: ${customers} customers, ${orders} orders, amount ${amount}`);
	console.log(`more than ${BEHIND_BY_MS / 1000}s behind the fastest shard: ${slow.length > 0 ? slow.join(", ") : "none"}`);
}

async function queryShard(shard: Shard): Promise<Reply> {
	// Each shard server's query is a lane in the tutorial's timeline.
	spans.start(shard.name);
	const started = performance.now();
	const [host, port] = shard.addr.split(":");
	// The connection exists at once (the callback API), so the deadline can close it even mid-handshake.
	const connection = mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: shard.database });
	connection.on("error", () => {});
	// The deadline covers connecting, querying and reading the row.
	const signal = AbortSignal.timeout(PER_SHARD_TIMEOUT_MS);
	try {
		const [rows] = await withSignal(connection.promise().query<RowDataPacket[]>(SHARD_TOTALS), signal);
		const row = rows[0];
		return { customers: Number(row.customers), orders: Number(row.orders), amount: Number(row.amount), tookMs: performance.now() - started };
	} catch (error) {
		return { error };
	} finally {
		connection.destroy();
		spans.end(shard.name);
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
	// Nothing listens at the address: the server is down.
	if (err.code === "ECONNREFUSED") return "connection refused";
	// Connected, then silence: a partition or a frozen server looks like this.
	if (err.name === "TimeoutError") return `no answer within ${PER_SHARD_TIMEOUT_MS} ms`;
	return err.message;
}

await main();
