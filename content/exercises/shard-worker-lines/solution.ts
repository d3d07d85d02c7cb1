import net from "node:net";
import { createInterface } from "node:readline";

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

async function handleConnection(conn: net.Socket): Promise<void> {
	conn.on("error", () => {});
	let served = 0;
	// readline collects chunks until a newline and hands out whole lines: a
	// request split over several chunks, or several requests in one chunk,
	// come out one line at a time all the same.
	for await (const line of createInterface({ input: conn, crlfDelay: Infinity })) {
		let request: Partial<Request> | null = null;
		try {
			const parsed: unknown = JSON.parse(line);
			if (typeof parsed === "object" && parsed !== null) request = parsed as Partial<Request>;
		} catch {}
		if (request?.query === "bye") break;
		// A bad line gets an error reply; the connection goes on.
		const reply = request === null ? { error: "bad request" } : answer(request);
		// Compact JSON has no raw newline in it: exactly one line per reply.
		conn.write(`${JSON.stringify(reply)}\n`);
		served++;
	}
	console.log(`served ${served} requests`);
	conn.end();
}

const ln = net.createServer((conn) => void handleConnection(conn));
ln.on("error", (err) => {
	console.log("Error listening:", err.message);
});
ln.listen(8080);
