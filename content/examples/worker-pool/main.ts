import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

const WORKERS = 3;
const CUSTOMERS = 12;

// SLEEP(0.05) stands in for real per-customer work, so the queries overlap.
const TOTALS_QUERY = "SELECT COUNT(*) AS orders, COALESCE(SUM(amount), 0) AS amount, SLEEP(0.05) FROM orders WHERE customer_id = ?";

interface Result {
	customerId: number;
	shard: number;
	orders?: number;
	amount?: number;
	error?: string;
}

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

async function main(): Promise<void> {
	// The data is sharded by customer id: customer n lives on shard_(n % 3 + 1).
	const shards = [1, 2, 3].map((n) => mysql.createPool(shardUrl(`shard_${n}`)));
	try {
		// The shared queue plays the jobs channel. shift() hands each job to one
		// worker only: nothing else runs between taking a job and starting on it.
		const jobs = Array.from({ length: CUSTOMERS }, (_, i) => i + 1);
		const byId = new Map<number, Result>();
		let inFlight = 0;
		let maxInFlight = 0;

		// A fixed number of async workers pull from the queue: however many jobs
		// there are, at most WORKERS queries run at once.
		// Each worker is a lane in the tutorial's timeline, with a bar per query.
		async function worker(_: unknown, w: number): Promise<void> {
			const name = `worker-${w + 1}`;
			for (let id = jobs.shift(); id !== undefined; id = jobs.shift()) {
				spans.start(name);
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);

				const result: Result = { customerId: id, shard: (id % 3) + 1 };
				try {
					const [rows] = await shards[id % 3].execute<RowDataPacket[]>(TOTALS_QUERY, [id]);
					result.orders = Number(rows[0].orders);
					result.amount = Number(rows[0].amount);
				} catch (err) {
					result.error = (err as Error).message;
				}

				inFlight--;
				spans.end(name);
				byId.set(id, result);
			}
		}
		// Promise.all over the workers is wg.Wait(): done when every worker has returned.
		await Promise.all(Array.from({ length: WORKERS }, worker));

		for (let id = 1; id <= CUSTOMERS; id++) {
			const r = byId.get(id)!;
			if (r.error !== undefined) {
				console.log(`customer ${id} (shard_${r.shard}): error: ${r.error}`);
				continue;
			}
			console.log(`customer ${id} (shard_${r.shard}): total ${r.amount}, orders ${r.orders}`);
		}
		console.log(`${CUSTOMERS} customers, ${WORKERS} workers: at most ${maxInFlight} queries were in flight at once`);
	} finally {
		await Promise.all(shards.map((db) => db.end()));
	}
}

await main();
