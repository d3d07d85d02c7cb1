// Plays the coordinator three times, each time with a different shard
// (ORDERS), different customers asked for, a bad line in a different place,
// and the requests cut differently: all in one piece, cut in the middle of
// lines, and in many small pieces with pauses. Every request must get exactly
// one compact JSON line back, in order; the bad line an error reply, after
// which the connection goes on; and "bye" must close the connection.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const BAD_LINES = ["hello", '{"query":', '{"query":"customer_totl","id":2}', '{"id":4}'];

/** Cuts `text` at `pieces - 1` random places (never an empty piece). */
function cut(text: string, pieces: number): string[] {
	const at = pick(
		Array.from({ length: text.length - 1 }, (_, i) => i + 1),
		pieces - 1,
	).sort((a, b) => a - b);
	return [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
}

// A worker that is silent this long after the last request has not closed the connection: stop waiting.
const IDLE_MS = 3000;

export default async function check(t: CheckContext): Promise<void> {
	const rounds = [
		{ pieces: 1, pauseMs: 0 },
		{ pieces: between(4, 6), pauseMs: between(100, 150) },
		{ pieces: between(12, 16), pauseMs: between(30, 50) },
	];
	for (const [round, { pieces, pauseMs }] of rounds.entries()) {
		const n = round + 1;
		// The shard: a few orders for customers 1–8.
		const orders = Array.from({ length: between(6, 12) }, () => [between(1, 8), between(10, 990) * 100]);
		const env = { ORDERS: orders.map(([id, amount]) => `${id}:${amount}`).join(",") };
		const known = [...new Set(orders.map(([id]) => id))];
		const asked = [...pick(known, 3), between(20, 99)];
		const expected: Array<Record<string, unknown> | "error"> = asked.map((id) => {
			const mine = orders.filter(([customer]) => customer === id);
			return { id, orders: mine.length, amount: mine.reduce((a, [, amount]) => a + amount, 0) };
		});
		const requests = asked.map((id) => JSON.stringify({ query: "customer_total", id }));
		const badAt = between(0, requests.length - 1);
		const bad = BAD_LINES[between(0, BAD_LINES.length - 1)];
		requests.splice(badAt, 0, bad);
		expected.splice(badAt, 0, "error");
		const text = `${[...requests, JSON.stringify({ query: "bye" })].join("\n")}\n`;
		const send = cut(text, pieces);
		const label =
			send.length === 1
				? { en: `ORDERS=${env.ORDERS}; ${requests.length} requests and "bye" in one piece`, ko: `ORDERS=${env.ORDERS}; 요청 ${requests.length}개와 "bye"를 한 번에 보냄` }
				: {
						en: `ORDERS=${env.ORDERS}; ${requests.length} requests and "bye" cut into ${send.length} pieces, ${pauseMs} ms apart`,
						ko: `ORDERS=${env.ORDERS}; 요청 ${requests.length}개와 "bye"를 ${send.length}조각으로 잘라 ${pauseMs}ms 간격으로 보냄`,
					};
		const run = await t.run({ label, env, demo: { port: 8080, send, pauseMs, idleMs: IDLE_MS } });

		// The client reads the replies until the worker closes the connection.
		const closed = run.demoClosed;
		const unclosed = {
			en: `Run ${n}: the connection was still open ${IDLE_MS / 1000} s after the last reply, so the client never got to the end of the replies ("bye" did not close it).`,
			ko: `${n}번째 실행: 마지막 응답 뒤 ${IDLE_MS / 1000}초가 지나도록 연결이 열려 있어 클라이언트가 응답을 끝까지 받지 못했습니다("bye"를 받고도 닫지 않았습니다).`,
		};
		const reply = run.demoReply ?? "";
		const lines = reply.split("\n");
		if (lines.at(-1) === "") lines.pop();
		const parsed = lines.map((line) => {
			try {
				const value: unknown = JSON.parse(line);
				return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
			} catch {
				return null;
			}
		});
		const notJson = parsed.findIndex((value) => value === null);
		const framed = notJson === -1 && lines.length === requests.length && reply.endsWith("\n");
		t.check(
			{ en: "One compact JSON line per request", ko: "요청마다 한 줄짜리 JSON 응답 하나" },
			framed,
			framed
				? { en: "Each run got exactly one reply line per request, each a whole JSON object.", ko: "실행마다 요청 하나에 응답 한 줄씩, 줄마다 온전한 JSON 객체가 왔습니다." }
				: !closed
					? unclosed
					: notJson !== -1
						? { en: `Run ${n}: reply line ${notJson + 1} is not a JSON object on its own: ${quote(lines[notJson])}.`, ko: `${n}번째 실행: 응답의 ${notJson + 1}번째 줄은 그 자체로 JSON 객체가 아닙니다: ${quote(lines[notJson])}.` }
						: { en: `Run ${n}: ${requests.length} requests, but ${lines.length} reply lines.`, ko: `${n}번째 실행: 요청은 ${requests.length}개인데 응답은 ${lines.length}줄입니다.` },
		);

		const wrong = expected.findIndex((want, i) => {
			const got = parsed[i];
			if (!got) return true;
			if (want === "error") return typeof got.error !== "string";
			return got.id !== want.id || got.orders !== want.orders || got.amount !== want.amount || got.error !== undefined;
		});
		const describe = (want: Record<string, unknown> | "error") => (want === "error" ? '{"error":…}' : JSON.stringify(want));
		t.check(
			{ en: "Every request answered, in order", ko: "모든 요청에 차례대로 응답" },
			wrong === -1,
			wrong === -1
				? { en: "Every customer's orders and amount came back in the order asked, whatever the shard held.", ko: "샤드에 무엇이 들었든 고객마다 주문 수와 금액이 요청한 순서대로 왔습니다." }
				: !closed
					? unclosed
					: {
							en: `Run ${n}: reply ${wrong + 1} (to ${quote(requests[wrong])}) should be ${describe(expected[wrong])}, got ${quote(lines[wrong] ?? "nothing")}.`,
							ko: `${n}번째 실행: ${quote(requests[wrong])}에 대한 ${wrong + 1}번째 응답은 ${describe(expected[wrong])}이어야 하는데 ${quote(lines[wrong] ?? "아무것도 오지 않음")}이 왔습니다.`,
						},
		);

		const after = expected.slice(badAt + 1).every((want, i) => {
			const got = parsed[badAt + 1 + i];
			return want !== "error" && !!got && got.id === want.id && got.amount === want.amount;
		});
		const badHandled = typeof parsed[badAt]?.error === "string" && after;
		t.check(
			{ en: "A bad line gets an error, and the connection goes on", ko: "잘못된 줄에는 오류 응답, 연결은 계속" },
			badHandled,
			badHandled
				? { en: "Each bad line got an error reply, and the requests after it were answered on the same connection.", ko: "잘못된 줄마다 오류 응답을 보냈고, 그 뒤의 요청에도 같은 연결에서 답했습니다." }
				: !closed
					? unclosed
					: { en: `Run ${n}: after the bad line ${quote(bad)} expected an {"error":…} reply and answers to the requests after it.`, ko: `${n}번째 실행: 잘못된 줄 ${quote(bad)}에는 {"error":…} 응답이, 그 뒤 요청에는 답이 와야 합니다.` },
		);

		t.check(
			{ en: '"bye" closes the connection', ko: '"bye"를 받으면 연결을 닫음' },
			closed,
			closed
				? { en: 'The worker closed the connection after "bye" each time.', ko: '매번 "bye"를 받은 뒤 연결을 닫았습니다.' }
				: { en: `Run ${n}: the client sent "bye" and waited ${IDLE_MS / 1000} s in silence for the worker to close the connection, then gave up.`, ko: `${n}번째 실행: 클라이언트가 "bye"를 보낸 뒤 ${IDLE_MS / 1000}초 동안 아무 응답 없이 워커가 연결을 닫기를 기다리다 포기했습니다.` },
		);
	}
}
