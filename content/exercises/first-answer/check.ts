// Three runs: a different replica is fastest in each of the first two, and
// in the third none answers before the deadline. The answer must be right,
// and the program must end long before the slowest replica would have answered.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const CITIES = ["seoul", "busan", "incheon", "daegu", "daejeon", "gwangju", "ulsan", "suwon", "jeju"];

export default async function check(t: CheckContext): Promise<void> {
	const rounds = [
		{ fast: between(150, 400), timeout: 2000 },
		{ fast: between(150, 400), timeout: 2000 },
		{ fast: 3000, timeout: between(300, 600) },
	];
	for (const [round, { fast, timeout }] of rounds.entries()) {
		const names = pick(CITIES, 4);
		const slowest = 5000;
		// The fastest replica is never first in the list.
		const delays = [slowest, fast, 3500, 4000];
		const order = pick([0, 1, 2, 3], 4);
		const replicas = order.map((i) => `${names[i]}:${delays[i]}`).join(",");
		const run = await t.run({
			label: { en: `REPLICAS=${replicas} TIMEOUT_MS=${timeout}`, ko: `REPLICAS=${replicas} TIMEOUT_MS=${timeout}` },
			env: { REPLICAS: replicas, TIMEOUT_MS: String(timeout) },
		});
		const expected = fast < timeout ? `first answer: ${names[1]}` : `no answer within ${timeout} ms`;
		const printed = run.lines.join("\n");
		t.check(
			{ en: "The right answer", ko: "올바른 답" },
			printed === expected,
			printed === expected
				? { en: "The fastest replica's name each time, and the deadline when none was fast enough.", ko: "매번 가장 빠른 복제본의 이름을 출력했고, 모두 느릴 때는 시간 초과를 알렸습니다." }
				: { en: `Run ${round + 1}: expected ${quote(expected)}, got ${quote(printed)}.`, ko: `${round + 1}번째 실행: ${quote(expected)}이 나와야 하는데 ${quote(printed)}이 나왔습니다.` },
		);
		// Generous: the first answer (or the deadline) plus a busy machine's start-up, far from the slowest replica.
		const limit = slowest - 2000;
		t.check(
			{ en: "Does not wait for the slowest replica", ko: "가장 느린 복제본을 기다리지 않음" },
			run.exit.ms < limit,
			run.exit.ms < limit
				? { en: `Ended ${run.exit.ms} ms after starting; the slowest replica takes ${slowest} ms.`, ko: `시작 후 ${run.exit.ms}ms에 끝났습니다. 가장 느린 복제본은 ${slowest}ms 걸립니다.` }
				: { en: `Run ${round + 1} ended after ${run.exit.ms} ms: it waited for the slowest replica (${slowest} ms).`, ko: `${round + 1}번째 실행이 ${run.exit.ms}ms 뒤에 끝났습니다. 가장 느린 복제본(${slowest}ms)을 기다렸습니다.` },
		);
	}
}
