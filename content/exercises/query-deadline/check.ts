// Two runs, each with its own sleep, deadline and token (seeded in the run's
// scratch database). The deadline must be reported no earlier than it falls,
// the next query must still work, and the program must end long before the
// slow query would have: a connection still held by it keeps the program waiting.
import { randomBytes } from "node:crypto";
import { between, type CheckContext, quote } from "../../../server/exercises/checker.ts";

export default async function check(t: CheckContext): Promise<void> {
	for (const [round, seconds] of [5, 6].entries()) {
		const deadlineMs = between(300, 800);
		const token = randomBytes(4).toString("hex");
		const run = await t.run({
			label: { en: `SLEEP_SECONDS=${seconds} DEADLINE_MS=${deadlineMs}`, ko: `SLEEP_SECONDS=${seconds} DEADLINE_MS=${deadlineMs}` },
			env: { SLEEP_SECONDS: String(seconds), DEADLINE_MS: String(deadlineMs) },
			async seed(scratch) {
				await scratch.query("CREATE TABLE probe (token VARCHAR(16) NOT NULL)");
				await scratch.query("INSERT INTO probe (token) VALUES (?)", [token]);
			},
		});
		// When the deadline line was printed, on the program's own clock.
		let printed = "";
		let reportedAt: number | null = null;
		for (const piece of run.outputs) {
			if (piece.stream !== "stdout") continue;
			printed += piece.data;
			if (reportedAt === null && printed.includes("slow query: deadline exceeded")) reportedAt = piece.t;
		}
		const early = reportedAt !== null && reportedAt < deadlineMs * 0.8;
		t.check(
			{ en: "Reports the deadline when it passes", ko: "마감이 지나면 알림" },
			reportedAt !== null && !early,
			reportedAt === null
				? { en: `Run ${round + 1}: no line ${quote("slow query: deadline exceeded")} (DEADLINE_MS=${deadlineMs}).`, ko: `${round + 1}번째 실행: ${quote("slow query: deadline exceeded")} 줄이 없습니다(DEADLINE_MS=${deadlineMs}).` }
				: early
					? { en: `Run ${round + 1}: the deadline was reported after ${reportedAt} ms, before DEADLINE_MS=${deadlineMs} had passed.`, ko: `${round + 1}번째 실행: DEADLINE_MS=${deadlineMs}가 지나기도 전인 ${reportedAt}ms에 마감을 알렸습니다.` }
					: { en: `Reported ${reportedAt} ms after the start, for DEADLINE_MS=${deadlineMs}.`, ko: `DEADLINE_MS=${deadlineMs}에 대해 시작 후 ${reportedAt}ms에 알렸습니다.` },
		);
		const tokenLine = `token: ${token}`;
		t.check(
			{ en: "The next query still works", ko: "다음 쿼리도 동작함" },
			run.lines.includes(tokenLine),
			run.lines.includes(tokenLine)
				? { en: "After the deadline, the program read this run's token.", ko: "마감 뒤에도 이번 실행의 token을 읽었습니다." }
				: { en: `Run ${round + 1}: expected ${quote(tokenLine)} (the token seeded for this run).`, ko: `${round + 1}번째 실행: ${quote(tokenLine)}이 나와야 합니다(이번 실행에 넣어 둔 token).` },
		);
		// Well before the sleep ends, with a busy machine's start-up to spare.
		const limit = seconds * 1000 - 2000;
		const freed = run.exit.reason === null && run.exit.ms < limit;
		t.check(
			{ en: "Frees the connection: ends long before the slow query", ko: "연결을 풀어 줌: 느린 쿼리보다 훨씬 먼저 끝남" },
			freed,
			freed
				? { en: `Ended after ${run.exit.ms} ms; the slow query takes ${seconds * 1000} ms.`, ko: `${run.exit.ms}ms 만에 끝났습니다. 느린 쿼리는 ${seconds * 1000}ms 걸립니다.` }
				: { en: `Run ${round + 1} ended after ${run.exit.ms} ms: something still waited for the ${seconds} s query.`, ko: `${round + 1}번째 실행이 ${run.exit.ms}ms 뒤에 끝났습니다. 무언가가 ${seconds}초짜리 쿼리를 여전히 기다렸습니다.` },
		);
	}
}
