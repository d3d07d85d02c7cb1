// Two runs, each writing its own note (number and text chosen here) on the
// primary; the note must then be read on the delayed replica, which applies
// every write a few seconds late. Reading right away finds nothing; waiting
// for the write's GTID finds the note. The run's gate shows the program
// really connected to replica-delayed.
import { randomBytes } from "node:crypto";
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const WORDS = ["apple", "river", "stone", "cloud", "maple", "tiger", "ocean", "lemon", "piano", "comet"];

export default async function check(t: CheckContext): Promise<void> {
	for (const round of [0, 1]) {
		const noteId = between(2, 999);
		const note = `${pick(WORDS, 2).join("-")}-${randomBytes(3).toString("hex")}`;
		const run = await t.run({
			label: { en: `NOTE_ID=${noteId} NOTE=${note}`, ko: `NOTE_ID=${noteId} NOTE=${note}` },
			env: { NOTE_ID: String(noteId), NOTE: note },
		});
		const expected = `replica-delayed: note ${noteId} = ${note}`;
		const line = run.lines.find((each) => each.startsWith("replica-delayed:")) ?? "";
		t.check(
			{ en: "Reads its own write on the delayed replica", ko: "지연된 레플리카에서 내가 쓴 것을 읽음" },
			line === expected,
			line === expected
				? { en: `${quote(expected)}, every time.`, ko: `매번 ${quote(expected)}.` }
				: line === `replica-delayed: no note ${noteId} yet`
					? {
							en: `Run ${round + 1}: ${quote(line)}: the read came before the replica had applied the write.`,
							ko: `${round + 1}번째 실행: ${quote(line)}. 레플리카가 쓰기를 적용하기 전에 읽었습니다.`,
						}
					: {
							en: `Run ${round + 1}: expected ${quote(expected)}, got ${quote(line)}.`,
							ko: `${round + 1}번째 실행: ${quote(expected)}이 나와야 하는데 ${quote(line)}이 나왔습니다.`,
						},
		);
		const delayedConnections = run.services["node-replica-delayed"]?.opened ?? 0;
		const primaryConnections = run.services["node-primary"]?.opened ?? 0;
		t.check(
			{ en: "Writes on the primary, reads on replica-delayed", ko: "프라이머리에 쓰고 replica-delayed에서 읽음" },
			delayedConnections > 0 && primaryConnections > 0,
			delayedConnections > 0 && primaryConnections > 0
				? { en: "The run's gate saw connections to both.", ko: "실행의 게이트가 두 노드로 가는 연결을 모두 보았습니다." }
				: {
						en: `Run ${round + 1}: the run's gate saw ${primaryConnections} connection(s) to the primary and ${delayedConnections} to replica-delayed.`,
						ko: `${round + 1}번째 실행: 실행의 게이트가 본 연결은 프라이머리로 ${primaryConnections}개, replica-delayed로 ${delayedConnections}개입니다.`,
					},
		);
		t.check(
			{ en: "Ends by itself", ko: "스스로 끝남" },
			run.exit.reason === null && run.exit.code === 0,
			run.exit.reason === null && run.exit.code === 0
				? { en: `Ended after ${run.exit.ms} ms.`, ko: `${run.exit.ms}ms 만에 끝났습니다.` }
				: {
						en: `Run ${round + 1} ended with code ${run.exit.code}${run.exit.reason ? ` (${run.exit.reason})` : ""}; see its output above.`,
						ko: `${round + 1}번째 실행이 코드 ${run.exit.code}${run.exit.reason ? `(${run.exit.reason})` : ""}로 끝났습니다. 위의 출력을 보세요.`,
					},
		);
	}
}
