import mysql, { type RowDataPacket } from "mysql2";
import * as spans from "tutorial/spans";

const PER_NODE_TIMEOUT_MS = 2000;

interface Node {
	name: string;
	addr: string;
}

// Reads go to the primary first; when it cannot answer, to the replicas, in order.
const nodes: Node[] = [
	{ name: "primary", addr: process.env.CLUSTER_PRIMARY ?? "" },
	{ name: "replica", addr: process.env.CLUSTER_REPLICA ?? "" },
	{ name: "replica-delayed", addr: process.env.CLUSTER_REPLICA_DELAYED ?? "" },
];

async function main(): Promise<void> {
	for (const node of nodes) {
		let read: { names: string[]; readOnly: boolean };
		try {
			read = await readUsers(node);
		} catch (error) {
			console.log(`${node.name}: failed: ${describe(error)}`);
			continue;
		}
		console.log(`read from ${node.name}: ${read.names.length} users (${read.names.join(", ")})`);
		// The server itself says whether it takes writes.
		if (read.readOnly) console.log("writes: refused here (read-only replica); what was read may be behind the primary");
		else console.log("writes: accepted here");
		return;
	}
	console.log("no node answered: nothing can be read");
}

async function readUsers(node: Node): Promise<{ names: string[]; readOnly: boolean }> {
	// Each node asked is a lane in the tutorial's timeline.
	spans.start(node.name);
	const [host, port] = node.addr.split(":");
	// The connection exists at once (the callback API), so the deadline can close it even mid-handshake.
	const connection = mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: "database" });
	connection.on("error", () => {});
	const db = connection.promise();
	// One deadline per node, so a silent primary costs at most this long.
	const signal = AbortSignal.timeout(PER_NODE_TIMEOUT_MS);
	try {
		const [[{ flag }]] = await withSignal(db.query<RowDataPacket[]>("SELECT @@read_only AS flag"), signal);
		const [rows] = await withSignal(db.query<RowDataPacket[]>("SELECT name FROM users ORDER BY id"), signal);
		return { names: rows.map((row) => String(row.name)), readOnly: Number(flag) === 1 };
	} finally {
		connection.destroy();
		spans.end(node.name);
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
	if (err.name === "TimeoutError") return `no answer within ${PER_NODE_TIMEOUT_MS} ms`;
	return err.message;
}

await main();
