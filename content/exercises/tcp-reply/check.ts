// Two runs, each a client that sends a message of a different length (short
// enough to arrive in one piece) and reads the server's answer to the end.
import { between, type CheckContext, pick } from "../../../server/exercises/checker.ts";

const WORDS = ["hello", "shard", "replica", "goroutine", "channel", "deadline", "commit", "안녕", "세계", "데이터"];
// A server silent this long after the message has not closed the connection: stop waiting.
const IDLE_MS = 3000;

export default async function check(t: CheckContext): Promise<void> {
	for (const round of [0, 1]) {
		const message = `${pick(WORDS, between(2, 6)).join(" ")} #${between(1, 99_999)}`;
		const bytes = Buffer.byteLength(message);
		const run = await t.run({
			label: { en: `sends ${JSON.stringify(message)} (${bytes} bytes)`, ko: `${JSON.stringify(message)}(${bytes}바이트)을 보냄` },
			demo: { port: 8080, send: message, idleMs: IDLE_MS },
		});
		const expected = `received ${bytes} bytes\n`;
		const reply = run.demoClosed ? run.demoReply : null;
		t.check(
			{ en: "Answers with the number of bytes read", ko: "읽은 바이트 수로 답함" },
			reply === expected,
			reply === expected
				? { en: "The client got the right count for each message.", ko: "클라이언트가 메시지마다 맞는 바이트 수를 받았습니다." }
				: reply === null
					? { en: `Run ${round + 1}: the server did not close the connection (the client gave up after ${IDLE_MS / 1000} s of silence), so the client never knew the answer was complete.`, ko: `${round + 1}번째 실행: 서버가 연결을 닫지 않아(클라이언트는 ${IDLE_MS / 1000}초 동안 조용하자 포기했습니다) 답이 끝났는지 알 수 없었습니다.` }
					: {
							en: `Run ${round + 1}: the message had ${bytes} bytes; the client got ${JSON.stringify(reply)} instead of ${JSON.stringify(expected)}.`,
							ko: `${round + 1}번째 실행: 메시지는 ${bytes}바이트였는데 클라이언트는 ${JSON.stringify(expected)} 대신 ${JSON.stringify(reply)}을 받았습니다.`,
						},
		);
	}
}
