// Three runs, each reading its own user (USER_ID) with its own per-node
// deadline (DEADLINE_MS): all healthy (the primary answers, writes are
// available); the primary down (the replica answers, writes are not); the
// primary partitioned and the replica down (only the deadline ends the wait
// for the primary; replica-delayed answers). The names come from the seed.
import type { Fault } from "../../../server/contract.ts";
import { MAIN_DATABASE, TABLES } from "../../../server/database/seed-data.ts";
import { between, type CheckContext, quote } from "../../../server/exercises/checker.ts";

/** A busy machine's start-up and shutdown on top of the deadline. */
const SLACK_MS = 3000;

const users = TABLES.find((table) => table.database === MAIN_DATABASE && table.table === "users")!.rows as Array<[number, string]>;

export default async function check(t: CheckContext): Promise<void> {
	const rounds: Array<{ faults: Fault[]; what: { en: string; ko: string }; failed: string[]; from: string }> = [
		{ faults: [], what: { en: "all healthy", ko: "모두 정상" }, failed: [], from: "primary" },
		{ faults: [{ node: "primary", kind: "down" }], what: { en: "primary down", ko: "primary 다운" }, failed: ["primary"], from: "replica" },
		{
			faults: [
				{ node: "primary", kind: "partition" },
				{ node: "replica", kind: "down" },
			],
			what: { en: "primary partitioned, replica down", ko: "primary 분할, replica 다운" },
			failed: ["primary", "replica"],
			from: "replica-delayed",
		},
	];
	for (const [round, { faults, what, failed, from }] of rounds.entries()) {
		const [id, name] = users[between(0, users.length - 1)];
		const deadlineMs = between(12, 20) * 100;
		const run = await t.run({
			label: { en: `USER_ID=${id} DEADLINE_MS=${deadlineMs}, ${what.en}`, ko: `USER_ID=${id} DEADLINE_MS=${deadlineMs}, ${what.ko}` },
			env: { USER_ID: String(id), DEADLINE_MS: String(deadlineMs) },
			faults,
		});
		const expected = [...failed.map((node) => `${node}: failed`), `read from ${from}: user ${id} = ${name}`];
		const said = run.lines.filter((line) => /^(primary|replica|replica-delayed): failed|^read from /.test(line));
		const wrong = expected.findIndex((line, i) => !(said[i] === line || (line.endsWith(": failed") && said[i]?.startsWith(`${line}:`))));
		const ranToEnd = run.exit.reason === null && run.exit.code === 0;
		t.check(
			{ en: `Reads from the first node that answers: ${what.en}`, ko: `처음 답한 노드에서 읽음: ${what.ko}` },
			wrong === -1 && said.length === expected.length,
			wrong === -1 && said.length === expected.length
				? { en: `Read user ${id} from ${from}.`, ko: `${from}에서 사용자 ${id}를 읽었습니다.` }
				: !ranToEnd && said.length === 0
					? {
							en: `Run ${round + 1} (${what.en}) ended with code ${run.exit.code}${run.exit.reason ? ` (${run.exit.reason})` : ""} before it read anything; see its output above.`,
							ko: `${round + 1}번째 실행(${what.ko})은 아무것도 읽지 못하고 코드 ${run.exit.code}${run.exit.reason ? `(${run.exit.reason})` : ""}로 끝났습니다. 위의 출력을 보세요.`,
						}
					: {
							en: `Run ${round + 1} (${what.en}): expected ${quote(expected[wrong] ?? said.at(-1) ?? "")} as line ${(wrong === -1 ? said.length : wrong) + 1}, got ${quote(said[wrong] ?? said.at(-1) ?? "")}.`,
							ko: `${round + 1}번째 실행(${what.ko}): ${(wrong === -1 ? said.length : wrong) + 1}번째 줄은 ${quote(expected[wrong] ?? said.at(-1) ?? "")}이어야 하는데 ${quote(said[wrong] ?? said.at(-1) ?? "")}입니다.`,
						},
		);
		const readAt = run.lines.indexOf(expected.at(-1)!);
		const writes = readAt === -1 ? "" : (run.lines[readAt + 1] ?? "");
		const expectedWrites = from === "primary" ? "writes: available" : "writes: unavailable";
		const writesRight = from === "primary" ? writes === expectedWrites : writes === expectedWrites || writes.startsWith(`${expectedWrites} `);
		t.check(
			{ en: `Says whether writes are available: ${what.en}`, ko: `쓰기를 할 수 있는지 알림: ${what.ko}` },
			writesRight,
			writesRight
				? { en: quote(writes), ko: quote(writes) }
				: {
						en: `Run ${round + 1} (${what.en}): after the read, expected ${quote(expectedWrites)}, got ${quote(writes)}.`,
						ko: `${round + 1}번째 실행(${what.ko}): 읽은 줄 다음에 ${quote(expectedWrites)}이 나와야 하는데 ${quote(writes)}이 나왔습니다.`,
					},
		);
		if (round !== 2) continue;
		// Only the deadline ends the wait for a partitioned primary: not before it, and not long after.
		const { ms } = run.exit;
		const inTime = run.exit.reason === null && ms >= deadlineMs - 100 && ms <= deadlineMs + SLACK_MS;
		t.check(
			{ en: "Gives up on a silent primary at the deadline", ko: "말이 없는 프라이머리는 기한에 포기함" },
			inTime,
			inTime
				? { en: `Ended after ${ms} ms, for DEADLINE_MS=${deadlineMs}.`, ko: `DEADLINE_MS=${deadlineMs}에 대해 ${ms}ms 만에 끝났습니다.` }
				: run.exit.reason !== null
					? {
							en: `With the primary partitioned, the program was still waiting when it was stopped after ${ms} ms (DEADLINE_MS=${deadlineMs}).`,
							ko: `프라이머리가 분할된 동안 프로그램은 ${ms}ms 뒤 멈춰질 때까지 여전히 기다렸습니다(DEADLINE_MS=${deadlineMs}).`,
						}
					: {
							en: `Ended after ${ms} ms, for DEADLINE_MS=${deadlineMs}: the partitioned primary should be given up at its deadline.`,
							ko: `DEADLINE_MS=${deadlineMs}인데 ${ms}ms 만에 끝났습니다. 분할된 프라이머리는 기한에 맞춰 포기해야 합니다.`,
						},
		);
	}
}
