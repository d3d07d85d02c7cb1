import { once } from "node:events";
import net from "node:net";
import { createInterface } from "node:readline";
import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

// The protocol, one JSON object per line:
//   request: {"query":"customer_totals"}
//   reply:   {"customers":[{"id":3,"name":"박지호","orders":1,"amount":8800}]}
//   or:      {"error":"MySQL error 1044"}
interface Request {
	query: string;
}

interface CustomerTotal {
	id: number;
	name: string;
	orders: number;
	amount: number;
}

interface Reply {
	customers?: CustomerTotal[];
	error?: string;
}

const TIMEOUT_MS = 500;

async function main(): Promise<void> {
	// One worker per shard, each a TCP server on a free port.
	// shard_3's worker is stuck; shard_4 was never created.
	const shards = ["shard_1", "shard_2", "shard_3", "shard_4"];
	const workers = await Promise.all(shards.map((shard) => startWorker(shard, shard === "shard_3")));
	console.log(`started ${workers.length} shard workers`);

	// Scatter: ask every worker at once. allSettled waits for all of them
	// and keeps each failure beside its shard.
	// Each question to a worker is a lane in the tutorial's timeline.
	const replies = await Promise.allSettled(
		workers.map(async (w) => {
			spans.start(w.shard);
			try {
				return await ask(w.port);
			} finally {
				spans.end(w.shard);
			}
		}),
	);

	// Gather: every shard in a fixed order, and a total of what answered.
	const missing: string[] = [];
	let customers = 0;
	let orders = 0;
	let amount = 0;
	replies.forEach((reply, i) => {
		const { shard } = workers[i];
		if (reply.status === "rejected") {
			console.log(`${shard}: failed: ${describe(reply.reason)}`);
			missing.push(shard);
			return;
		}
		console.log(`${shard}: ${reply.value.length} customers`);
		for (const c of reply.value) {
			customers += 1;
			orders += c.orders;
			amount += c.amount;
		}
	});
	if (missing.length > 0) {
		console.log(`partial result: ${workers.length - missing.length} of ${workers.length} shards answered, missing ${missing.join(", ")}`);
	}
	console.log(`from those: ${customers} customers, ${orders} orders, amount ${amount}`);

	for (const w of workers) {
		await w.stop();
	}
	console.log(`stopped ${workers.length} shard workers`);
}

// ---- the coordinator's side ----

class WorkerError extends Error {
	override name = "WorkerError";
}

async function ask(port: number): Promise<CustomerTotal[]> {
	// One deadline for the whole exchange: connect, send, wait for the reply.
	// The socket watches the signal and is destroyed when it fires.
	const signal = AbortSignal.timeout(TIMEOUT_MS);
	const socket = net.connect({ host: "127.0.0.1", port, signal });
	try {
		await once(socket, "connect");
		socket.write(`${JSON.stringify({ query: "customer_totals" } satisfies Request)}\n`);
		const reply: Reply = JSON.parse(await readLine(socket));
		if (reply.error !== undefined) throw new WorkerError(reply.error);
		return reply.customers ?? [];
	} catch (err) {
		throw signal.aborted ? signal.reason : err;
	} finally {
		socket.destroy();
	}
}

// Like bufio.Reader.ReadBytes('\n'): the first line, or the error that came first.
function readLine(socket: net.Socket): Promise<string> {
	return new Promise((resolve, reject) => {
		let buffered = "";
		socket.setEncoding("utf8");
		socket.on("data", (chunk: string) => {
			buffered += chunk;
			const end = buffered.indexOf("\n");
			if (end >= 0) resolve(buffered.slice(0, end));
		});
		socket.once("error", reject);
		socket.once("close", () => reject(new Error("EOF")));
	});
}

function describe(err: Error): string {
	if (err.name === "TimeoutError") return `no answer within ${TIMEOUT_MS} ms`;
	if (err instanceof WorkerError) return `the worker reported ${err.message}`;
	return err.message;
}

// ---- the worker's side ----

interface Worker {
	shard: string;
	port: number;
	stop(): Promise<void>;
}

async function startWorker(shard: string, stuck: boolean): Promise<Worker> {
	// Like sql.Open, createPool dials nothing; a missing database shows up at the first query.
	const db = mysql.createPool(shardUrl(shard));
	const conns = new Set<net.Socket>();
	// createServer runs the accept loop; the handler runs once per connection.
	const server = net.createServer((conn) => {
		conns.add(conn);
		conn.on("close", () => conns.delete(conn));
		conn.on("error", () => {});
		createInterface({ input: conn }).on("line", async (line) => {
			let request: Partial<Request> = {};
			try {
				request = JSON.parse(line);
			} catch {}
			let reply: Reply;
			if (request.query !== "customer_totals") {
				reply = { error: "unknown request" };
			} else if (stuck) {
				// Plays a stuck worker (a lock wait, a full disk, a long pause):
				// it has read the request, and no answer ever comes.
				return;
			} else {
				reply = await customerTotals(db);
			}
			if (!conn.destroyed) conn.write(`${JSON.stringify(reply)}\n`);
		});
	});
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	return {
		shard,
		port: (server.address() as net.AddressInfo).port,
		// Stops accepting, closes every open connection (idle, stuck or busy),
		// waits until the server has no connection left, then closes the pool.
		async stop() {
			const closed = once(server, "close");
			server.close();
			for (const conn of conns) conn.destroy();
			await closed;
			await db.end();
		},
	};
}

async function customerTotals(db: mysql.Pool): Promise<Reply> {
	try {
		// mysql2's per-query timeout stops our waiting; unlike Go's driver, it
		// leaves the connection busy until the server answers.
		const [rows] = await db.query<RowDataPacket[]>({
			sql: `SELECT c.id, c.name, COUNT(o.id) AS orders, COALESCE(SUM(o.amount), 0) AS amount
				FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name ORDER BY c.id`,
			timeout: TIMEOUT_MS,
		});
		return { customers: rows.map((row) => ({ id: row.id, name: row.name, orders: Number(row.orders), amount: Number(row.amount) })) };
	} catch (err) {
		const { errno, sqlMessage, message } = err as Error & { errno?: number; sqlMessage?: string };
		return { error: sqlMessage !== undefined ? `MySQL error ${errno}` : message };
	}
}

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

await main();
