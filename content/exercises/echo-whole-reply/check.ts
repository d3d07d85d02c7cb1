// Two runs, each with its own messages: short ones around a long one (tens of
// kilobytes, so its echo arrives in pieces), in a different place each time.
// Every reply's length must be right, and the program must really have talked
// to the echo server (its gate counts the connection).
import { between, type CheckContext, pick } from "../../../server/exercises/checker.ts";

const WORDS = ["select", "insert", "update", "commit", "rollback", "shard", "replica", "leader", "quorum", "lease"];

export default async function check(t: CheckContext): Promise<void> {
	for (const round of [0, 1]) {
		const messages = pick(WORDS, 4);
		const long = Array.from({ length: between(3000, 6000) }, () => pick(WORDS, 1)[0]).join("-");
		messages.splice(between(0, 2), 0, long);
		const run = await t.run({
			label: {
				en: `MESSAGES: ${messages.length} messages, one of them ${long.length} bytes long`,
				ko: `MESSAGES: 메시지 ${messages.length}개, 그중 하나는 ${long.length}바이트`,
			},
			env: { MESSAGES: messages.join(",") },
		});
		const expected = messages.map((message) => `echoed ${Buffer.byteLength(message)} bytes`);
		const wrong = expected.findIndex((line, i) => run.lines[i] !== line);
		const right = wrong === -1 && run.lines.length === expected.length;
		t.check(
			{ en: "Each reply read whole", ko: "답마다 끝까지 읽음" },
			right,
			right
				? { en: "Every reply's length matched its message, the long one too.", ko: "긴 메시지까지 모든 답의 길이가 메시지와 같았습니다." }
				: wrong === -1
					? { en: `Run ${round + 1}: ${run.lines.length} lines for ${expected.length} messages.`, ko: `${round + 1}번째 실행: 메시지는 ${expected.length}개인데 ${run.lines.length}줄이 나왔습니다.` }
					: {
							en: `Run ${round + 1}: message ${wrong + 1} has ${Buffer.byteLength(messages[wrong])} bytes, but the program printed ${JSON.stringify(run.lines[wrong] ?? "")}.`,
							ko: `${round + 1}번째 실행: ${wrong + 1}번째 메시지는 ${Buffer.byteLength(messages[wrong])}바이트인데 프로그램은 ${JSON.stringify(run.lines[wrong] ?? "")}을 출력했습니다.`,
						},
		);
		const talked = (run.services.echo?.opened ?? 0) >= 1;
		t.check(
			{ en: "Talks to the echo server", ko: "에코 서버와 주고받음" },
			talked,
			talked
				? { en: "The echo server saw the program's connection.", ko: "에코 서버가 프로그램의 연결을 받았습니다." }
				: { en: `Run ${round + 1}: the program never connected to the echo server.`, ko: `${round + 1}번째 실행: 프로그램이 에코 서버에 연결하지 않았습니다.` },
		);
	}
}
