import mysql, { type ResultSetHeader, type RowDataPacket } from "mysql2";
import type { Pool } from "mysql2/promise";
import * as spans from "tutorial/spans";

// The runner gives this run a database of its own, with the same name, on
// shard-1, shard-2 and shard-3 (CLUSTER_SHARDS_DB).
const database = process.env.CLUSTER_SHARDS_DB ?? "";

// How long the mover waits for the new shard before it gives up.
const MOVE_TIMEOUT_MS = 3000;
const BATCH_SIZE = 25;

type ShardName = "shard-1" | "shard-3";

// A route sends the ids from..to to one shard.
interface Route {
	from: number;
	to: number;
	shard: ShardName;
}

// The table every read consults: which shard holds an id right now. The reader and
// the mover share one thread, so a lookup and a change never overlap.
class Router {
	#routes: Route[] = [{ from: 1, to: 100, shard: "shard-1" }];

	lookup(id: number): ShardName | undefined {
		return this.#routes.find((route) => id >= route.from && id <= route.to)?.shard;
	}

	// Points from..to at shard: one change, seen by the next lookup.
	set(from: number, to: number, shard: ShardName): void {
		const routes: Route[] = [];
		for (const route of this.#routes) {
			if (route.to < from || route.from > to) {
				routes.push(route);
				continue;
			}
			if (route.from < from) routes.push({ from: route.from, to: from - 1, shard: route.shard });
			if (route.to > to) routes.push({ from: to + 1, to: route.to, shard: route.shard });
		}
		this.#routes = [...routes, { from, to, shard }];
	}
}

// One read of every id, 1..100, through the router.
interface Pass {
	found: number;
	reads: Map<ShardName, number>;
}

// Reads every id over and over until stopped, and publishes each pass.
class Reader {
	#started = 0; // passes begun
	#done: Pass[] = []; // passes finished, in order
	#waiting: Array<() => void> = [];
	#stop = false;
	missed = 0; // reads that found nothing, over every pass
	finished: Promise<void>;

	constructor(router: Router, shards: Record<ShardName, Pool>) {
		this.finished = this.#run(router, shards);
	}

	async #run(router: Router, shards: Record<ShardName, Pool>): Promise<void> {
		spans.start("reader");
		while (!this.#stop) {
			this.#started++;
			const pass: Pass = { found: 0, reads: new Map() };
			for (let id = 1; id <= 100; id++) {
				const shard = router.lookup(id) as ShardName; // look up the route, then ask that shard
				const [rows] = await shards[shard].query<RowDataPacket[]>("SELECT owner FROM accounts WHERE id = ?", [id]);
				if (rows.length > 0) pass.found++;
				pass.reads.set(shard, (pass.reads.get(shard) ?? 0) + 1);
			}
			this.missed += 100 - pass.found;
			this.#done.push(pass);
			for (const wake of this.#waiting.splice(0)) wake();
		}
		spans.end("reader");
	}

	// Waits for the first pass that starts after this call, and returns it.
	async nextPass(): Promise<Pass> {
		const want = this.#started + 1;
		while (this.#done.length < want) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		return this.#done[want - 1];
	}

	async report(): Promise<void> {
		const pass = await this.nextPass();
		const reads = (["shard-1", "shard-3"] as const).flatMap((shard) => {
			const count = pass.reads.get(shard) ?? 0;
			return count > 0 ? [`${shard} ${count}`] : [];
		});
		console.log(`reader: ${pass.found} of 100 found (${reads.join(", ")})`);
	}

	// Stops after the current pass and prints what was missed, all passes counted.
	async finish(): Promise<void> {
		this.#stop = true;
		await this.finished;
		console.log(`missed reads during the move: ${this.missed}`);
	}
}

const shards: Record<ShardName, Pool> = { "shard-1": pool("CLUSTER_SHARD_1"), "shard-3": pool("CLUSTER_SHARD_3") };
const shard1 = shards["shard-1"];

// Setup: 100 accounts on shard-1, one INSERT.
await shard1.query("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)");
const values = Array.from({ length: 100 }, (_, i) => [i + 1, `owner-${i + 1}`, 1001 + i]);
await shard1.query("INSERT INTO accounts VALUES ?", [values]);
console.log(`shard-1: ${await describeShard("shard-1")}`);

const router = new Router();
const reader = new Reader(router, shards);
await reader.report();

await move();
await reader.finish();
await shards["shard-1"].end();
await shards["shard-3"].end();

async function move(): Promise<void> {
	// Step 1: copy 51-100 to the new shard. Reads still go to shard-1.
	let copied: number;
	try {
		copied = await copyRange(51, 100);
	} catch (error) {
		console.log(`copy 51-100 to shard-3 failed: ${describe(error)}`);
		console.log("move abandoned: every account stays on shard-1");
		await reader.report();
		return;
	}
	console.log(`copy 51-100 to shard-3: ${copied} rows`);
	await reader.report();

	// Step 2: switch the route. From the next lookup on, reads of 51-100 go to shard-3.
	spans.start("switch");
	router.set(51, 100, "shard-3");
	spans.end("switch");
	console.log("switch 51-100 to shard-3");
	// Drain: a read that looked up the old route just before the switch may still be
	// on its way to shard-1. Once a pass that started after the switch has finished, none is.
	await reader.report();

	// Step 3: only now delete the old copies.
	spans.start("delete");
	const [deleted] = await shard1.query<ResultSetHeader>("DELETE FROM accounts WHERE id BETWEEN 51 AND 100");
	spans.end("delete");
	console.log(`delete 51-100 from shard-1: ${deleted.affectedRows} rows`);
	await reader.report();

	console.log(`shard-1: ${await describeShard("shard-1")}, shard-3: ${await describeShard("shard-3")}`);
}

// Copies ids first..last in batches; the whole copy has one deadline.
async function copyRange(first: number, last: number): Promise<number> {
	spans.start("copy");
	// A connection of its own (the callback API), so the deadline can close it even mid-handshake.
	const connection = mysql.createConnection(options("CLUSTER_SHARD_3"));
	connection.on("error", () => {});
	const signal = AbortSignal.timeout(MOVE_TIMEOUT_MS);
	try {
		const target = connection.promise();
		await withSignal(target.query("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)"), signal);
		let copied = 0;
		for (let start = first; start <= last; start += BATCH_SIZE) {
			const [rows] = await withSignal(
				shard1.query<RowDataPacket[]>("SELECT id, owner, balance FROM accounts WHERE id BETWEEN ? AND ? ORDER BY id", [start, Math.min(start + BATCH_SIZE - 1, last)]),
				signal,
			);
			if (rows.length === 0) continue;
			const batch = rows.map((row) => [row.id, row.owner, row.balance]);
			await withSignal(target.query("INSERT INTO accounts VALUES ?", [batch]), signal);
			copied += rows.length;
		}
		return copied;
	} finally {
		connection.destroy();
		spans.end("copy");
	}
}

function options(env: string): mysql.ConnectionOptions {
	const [host, port] = (process.env[env] ?? "").split(":");
	return { host, port: Number(port), user: "user", password: "password", database };
}

function pool(env: string): Pool {
	return mysql.createPool({ ...options(env), connectionLimit: 2 }).promise();
}

// How many accounts a shard holds, and which ids.
async function describeShard(shard: ShardName): Promise<string> {
	const [rows] = await shards[shard].query<RowDataPacket[]>("SELECT COUNT(*) AS count, MIN(id) AS first, MAX(id) AS last FROM accounts");
	const { count, first, last } = rows[0];
	return Number(count) === 0 ? "0 accounts" : `${count} accounts (${first}-${last})`;
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
	// Connected, then silence: a partition looks like this.
	if (err.name === "TimeoutError") return `no answer within ${MOVE_TIMEOUT_MS} ms`;
	return err.message;
}
