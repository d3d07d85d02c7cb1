import mysql, { type RowDataPacket } from "mysql2";

const userId = Number(process.env.USER_ID ?? "1");
// The deadline each node gets, from connecting to reading the row.
const DEADLINE_MS = Number(process.env.DEADLINE_MS ?? "2000");

// Reads go to the primary first; when it cannot answer, to the replicas, in order.
const nodes = [
	{ name: "primary", addr: process.env.CLUSTER_PRIMARY ?? "" },
	{ name: "replica", addr: process.env.CLUSTER_REPLICA ?? "" },
	{ name: "replica-delayed", addr: process.env.CLUSTER_REPLICA_DELAYED ?? "" },
];

async function readUser(addr: string): Promise<string> {
	const [host, port] = addr.split(":");
	// The callback API gives the connection at once, so the deadline can close it even mid-handshake.
	const connection = mysql.createConnection({ host, port: Number(port), user: "user", password: "password", database: "database" });
	connection.on("error", () => {});
	const signal = AbortSignal.timeout(DEADLINE_MS);
	try {
		const query = connection.promise().query<RowDataPacket[]>("SELECT name FROM users WHERE id = ?", [userId]);
		const [rows] = await withSignal(query, signal);
		return String(rows[0]?.name);
	} finally {
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

let done = false;
for (const node of nodes) {
	let name: string;
	try {
		name = await readUser(node.addr);
	} catch (error) {
		console.log(`${node.name}: failed: ${describe(error)}`);
		continue;
	}
	console.log(`read from ${node.name}: user ${userId} = ${name}`);
	// Only the primary takes writes; a replica's answer may also be behind it.
	console.log(node.name === "primary" ? "writes: available" : "writes: unavailable (no primary answered)");
	done = true;
	break;
}
if (!done) console.log("no node answered: nothing can be read");
