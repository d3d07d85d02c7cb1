import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

interface Customer extends RowDataPacket {
	name: string;
	city: string;
	connectionId: number;
}

// SLEEP(0.1) stands in for a slow query: each lookup holds its connection for
// 100 ms, so the lookups overlap and have to share the pool.
const LOOKUP = "SELECT name, city, CONNECTION_ID() AS connectionId, SLEEP(0.1) FROM customers WHERE id = ?";

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

async function main(): Promise<void> {
	// Like sql.Open, createPool connects on demand. connectionLimit is
	// SetMaxOpenConns: a third query waits in the pool's queue for a free one.
	const db = mysql.createPool({ uri: shardUrl("shard_2"), connectionLimit: 2, maxIdle: 2 });
	try {
		const ids = [1, 4, 7, 10];
		const connections = new Set<number>();
		const start = performance.now();

		const lines = await Promise.all(
			ids.map(async (id) => {
				// Each lookup is a lane in the tutorial's timeline: waiting for a connection, then the query.
				spans.start(`customer-${id}`);
				try {
					// execute() prepares the statement on the connection it runs on, caches
					// it there, and sends the id as a value, never inside the SQL text.
					const [rows] = await db.execute<Customer[]>(LOOKUP, [id]);
					const { name, city, connectionId } = rows[0];
					connections.add(connectionId);
					return `customer ${id}: ${name} (${city})`;
				} catch (err) {
					return `customer ${id}: error: ${(err as Error).message}`;
				} finally {
					spans.end(`customer-${id}`);
				}
			}),
		);
		const elapsed = performance.now() - start;

		for (const line of lines) {
			console.log(line);
		}
		console.log(`${ids.length} lookups shared ${connections.size} connections (limit 2)`);
		console.log("took at least 2 x 100 ms, because only two ran at a time:", elapsed >= 200);
	} finally {
		await db.end();
	}
}

await main();
