import net from "node:net";

// The protocol, one JSON object per line:
//   request: {"query":"customer_total","id":3}
//   reply:   {"id":3,"orders":2,"amount":12800}
//   or:      {"error":"bad request"}
//   request: {"query":"bye"}   (no reply: the worker closes the connection)
interface Request {
	query: string;
	id: number;
}

interface CustomerTotal {
	id: number;
	orders: number;
	amount: number;
}

type Reply = CustomerTotal | { error: string };

// The shard's data: ORDERS looks like "3:8800,5:1200,3:4000" (customer id:amount).
const totals = new Map<number, CustomerTotal>();
for (const order of (process.env.ORDERS ?? "").split(",")) {
	const [id, amount] = order.split(":").map(Number);
	const total = totals.get(id) ?? { id, orders: 0, amount: 0 };
	totals.set(id, { id, orders: total.orders + 1, amount: total.amount + amount });
}

function answer(request: Partial<Request>): Reply {
	if (request.query !== "customer_total" || typeof request.id !== "number") return { error: "bad request" };
	return totals.get(request.id) ?? { id: request.id, orders: 0, amount: 0 };
}

function handleConnection(conn: net.Socket): void {
	let served = 0;
	conn.on("error", () => {});
	conn.on("close", () => console.log(`served ${served} requests`));
	// Each chunk that arrives is taken to be one request.
	conn.on("data", (chunk: Buffer) => {
		let request: Partial<Request> | null = null;
		try {
			request = JSON.parse(chunk.toString("utf8"));
		} catch {}
		if (request?.query === "bye") {
			conn.end();
			return;
		}
		const reply = request === null ? { error: "bad request" } : answer(request);
		// Indented, to be easy to read.
		conn.write(`${JSON.stringify(reply, null, 2)}\n`);
		served++;
	});
}

const ln = net.createServer(handleConnection);
ln.on("error", (err) => {
	console.log("Error listening:", err.message);
});
ln.listen(8080);
