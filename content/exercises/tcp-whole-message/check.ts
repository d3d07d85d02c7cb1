// Plays the client three times with a different message each time: in one
// piece, in three pieces and in many small ones, with pauses between them.
// The server must print exactly the message, once, and close the connection.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const WORDS = ["shard", "replica", "leader", "follower", "quorum", "commit", "ledger", "gossip", "vector", "clock", "lease", "epoch"];
// A server silent this long after the message has not closed the connection: stop waiting.
const IDLE_MS = 3000;

function split(text: string, pieces: number): string[] {
	const size = Math.ceil(text.length / pieces);
	return Array.from({ length: pieces }, (_, i) => text.slice(i * size, (i + 1) * size)).filter(Boolean);
}

export default async function check(t: CheckContext): Promise<void> {
	const rounds = [
		{ pieces: 1, pauseMs: 0 },
		{ pieces: 3, pauseMs: between(120, 200) },
		{ pieces: 6, pauseMs: between(60, 100) },
	];
	for (const [round, { pieces, pauseMs }] of rounds.entries()) {
		const message = `${pick(WORDS, 4).join(" ")} #${between(100, 999)}`;
		const send = split(`${message}\n`, pieces);
		const label =
			pieces === 1
				? { en: `sends ${quote(message)} in one piece`, ko: `${quote(message)}을 한 번에 보냄` }
				: {
						en: `sends ${quote(message)} in ${send.length} pieces, ${pauseMs} ms apart`,
						ko: `${quote(message)}을 ${send.length}조각으로 ${pauseMs}ms 간격을 두고 보냄`,
					};
		const run = await t.run({ label, demo: { port: 8080, send, pauseMs, idleMs: IDLE_MS } });
		const expected = `Received data: ${message}`;
		const printed = run.lines.join("\n");
		const nul = run.stdout.includes("\0");
		t.check(
			{ en: "Prints only the bytes that arrived", ko: "도착한 바이트만 출력" },
			!nul,
			nul
				? { en: `Run ${round + 1}: the output has NUL bytes, the part of the buffer nothing was read into.`, ko: `${round + 1}번째 실행: 출력에 NUL 바이트가 있습니다. 버퍼에서 아무것도 읽어 들이지 않은 부분입니다.` }
				: { en: "No NUL bytes from the unread part of the buffer.", ko: "버퍼의 읽지 않은 부분(NUL)을 출력하지 않았습니다." },
		);
		const clean = printed.replaceAll("\0", "");
		t.check(
			{ en: "Receives the whole message", ko: "메시지 전체를 받음" },
			clean === expected,
			clean === expected
				? { en: "The whole line each time, in one piece or several.", ko: "한 번에 오든 여러 조각으로 오든 매번 한 줄 전체를 받았습니다." }
				: { en: `Run ${round + 1}: expected ${quote(expected)}, got ${quote(clean)}.`, ko: `${round + 1}번째 실행: ${quote(expected)}이 나와야 하는데 ${quote(clean)}이 나왔습니다.` },
		);
		const closed = run.demoClosed;
		t.check(
			{ en: "Closes the connection", ko: "연결을 닫음" },
			closed,
			closed
				? { en: "The server closed each connection once the message was in.", ko: "메시지를 받은 뒤 매번 연결을 닫았습니다." }
				: { en: `Run ${round + 1}: the client waited ${IDLE_MS / 1000} s after the message for the server to close the connection, then gave up.`, ko: `${round + 1}번째 실행: 서버가 연결을 닫지 않아 클라이언트가 메시지를 보낸 뒤 ${IDLE_MS / 1000}초를 기다리다 포기했습니다.` },
		);
	}
}
