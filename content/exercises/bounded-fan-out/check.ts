// Two runs with a different limit, different orders and different amounts
// (seeded in the run's own scratch database). Every amount must be right,
// and the run's gate, outside the program, must have seen exactly LIMIT
// MySQL connections open at once at most: no more (the bound), no fewer
// (the work really ran side by side).
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

export default async function check(t: CheckContext): Promise<void> {
	for (const [round, limit] of [2, 3].entries()) {
		const amounts = new Map(Array.from({ length: 14 }, (_, i) => [i + 1, between(100, 99_999)]));
		const ids = pick([...amounts.keys()], 10);
		const env = { ORDER_IDS: ids.join(","), LIMIT: String(limit) };
		const run = await t.run({
			label: { en: `LIMIT=${limit} ORDER_IDS=${env.ORDER_IDS}`, ko: `LIMIT=${limit} ORDER_IDS=${env.ORDER_IDS}` },
			env,
			async seed(scratch) {
				await scratch.query("CREATE TABLE orders (id INT PRIMARY KEY, amount INT NOT NULL)");
				await scratch.query("INSERT INTO orders (id, amount) VALUES ?", [[...amounts]]);
			},
		});
		const wrong = ids.find((id) => !run.lines.includes(`order ${id}: ${amounts.get(id)}`));
		const right = wrong === undefined && run.lines.length === ids.length;
		const shown = run.lines.find((line) => line.startsWith(`order ${wrong}:`)) ?? "";
		t.check(
			{ en: "Every order's amount", ko: "모든 주문의 금액" },
			right,
			right
				? { en: `All ${ids.length} orders, with the amounts seeded for each run.`, ko: `실행마다 넣은 금액으로 주문 ${ids.length}개가 모두 맞았습니다.` }
				: wrong !== undefined
					? {
							en: `Run ${round + 1}: expected ${quote(`order ${wrong}: ${amounts.get(wrong)}`)}${shown ? `, got ${quote(shown)}` : ", found no line for it"}.`,
							ko: `${round + 1}번째 실행: ${quote(`order ${wrong}: ${amounts.get(wrong)}`)}이 나와야 하는데 ${shown ? `${quote(shown)}이 나왔습니다` : "그 주문의 줄이 없습니다"}.`,
						}
					: { en: `Run ${round + 1}: ${run.lines.length} lines for ${ids.length} orders.`, ko: `${round + 1}번째 실행: 주문은 ${ids.length}개인데 ${run.lines.length}줄이 나왔습니다.` },
		);
		const most = run.services.mysql?.maxOpen ?? 0;
		t.check(
			{ en: "No more than LIMIT at once", ko: "동시에 LIMIT개 이하" },
			most <= limit,
			most <= limit
				? { en: `MySQL never had more than ${limit} of this program's connections open at once.`, ko: `MySQL에 이 프로그램의 연결이 동시에 ${limit}개를 넘은 적이 없습니다.` }
				: { en: `Run ${round + 1}: LIMIT=${limit}, but MySQL saw ${most} of this program's connections open at once.`, ko: `${round + 1}번째 실행: LIMIT=${limit}인데 MySQL에 이 프로그램의 연결이 동시에 ${most}개 열려 있었습니다.` },
		);
		t.check(
			{ en: "LIMIT queries side by side", ko: "LIMIT개를 동시에 실행" },
			most >= limit,
			most >= limit
				? { en: "The queries ran LIMIT at a time, not one by one.", ko: "쿼리가 하나씩이 아니라 LIMIT개씩 동시에 돌았습니다." }
				: { en: `Run ${round + 1}: LIMIT=${limit}, but at most ${most} connection(s) were open at once: the work was not spread over ${limit} workers.`, ko: `${round + 1}번째 실행: LIMIT=${limit}인데 연결이 동시에 최대 ${most}개뿐이었습니다. 작업이 워커 ${limit}개에 나뉘지 않았습니다.` },
		);
	}
}
