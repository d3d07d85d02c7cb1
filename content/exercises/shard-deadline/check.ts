// Three runs against the real shard servers, each with its own MIN_AMOUNT
// and DEADLINE_MS: all healthy; one shard partitioned (accepted, never
// answered: only the program's own deadline ends the wait); one shard down
// and another slow but within the deadline. The expected totals come from
// the shards' seed data, so every run's numbers differ.
import type { Fault } from "../../../server/contract.ts";
import { SHARD_DATABASES, TABLES } from "../../../server/database/seed-data.ts";
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const SHARDS = ["shard-1", "shard-2", "shard-3"];
/** Slow packets stay well inside the smallest deadline: a connection and one query are a few round trips. */
const SLOW_MS = 100;
/** A busy machine's start-up and shutdown on top of the deadline. */
const SLACK_MS = 3000;

/** Every order amount on each shard, from the seed. */
const amounts = SHARD_DATABASES.map((database) => {
	const orders = TABLES.find((table) => table.database === database && table.table === "orders")!;
	const column = orders.columns.indexOf("amount");
	return orders.rows.map((row) => row[column] as number);
});
const allAmounts = [...new Set(amounts.flat())].sort((a, b) => a - b);

export default async function check(t: CheckContext): Promise<void> {
	const [partitioned, down, slow] = pick(SHARDS, 3);
	const rounds: Array<{ faults: Fault[]; what: { en: string; ko: string } }> = [
		{ faults: [], what: { en: "all shards healthy", ko: "모든 샤드 정상" } },
		{ faults: [{ node: partitioned, kind: "partition" }], what: { en: `${partitioned} partitioned`, ko: `${partitioned} 분할` } },
		{
			faults: [
				{ node: down, kind: "down" },
				{ node: slow, kind: "slow", ms: SLOW_MS },
			],
			what: { en: `${down} down, ${slow} slow`, ko: `${down} 다운, ${slow} 느림` },
		},
	];
	for (const [round, { faults, what }] of rounds.entries()) {
		// A threshold between two seeded amounts, so each run counts a different set of orders.
		const minAmount = allAmounts[between(0, allAmounts.length - 2)] + between(1, 99);
		const deadlineMs = between(20, 28) * 100;
		const failing = new Set(faults.filter((fault) => fault.kind !== "slow").map((fault) => fault.node));
		const run = await t.run({
			label: {
				en: `MIN_AMOUNT=${minAmount} DEADLINE_MS=${deadlineMs}, ${what.en}`,
				ko: `MIN_AMOUNT=${minAmount} DEADLINE_MS=${deadlineMs}, ${what.ko}`,
			},
			env: { MIN_AMOUNT: String(minAmount), DEADLINE_MS: String(deadlineMs) },
			faults,
		});
		const totals = SHARDS.map((_, i) => {
			const matching = amounts[i].filter((amount) => amount >= minAmount);
			return { orders: matching.length, amount: matching.reduce((a, b) => a + b, 0) };
		});
		const expected = SHARDS.map((shard, i) =>
			failing.has(shard) ? `${shard}: failed` : `${shard}: ${totals[i].orders} orders, amount ${totals[i].amount}`,
		);
		const answered = SHARDS.filter((shard) => !failing.has(shard));
		const sum = (key: "orders" | "amount") => SHARDS.reduce((total, shard, i) => total + (failing.has(shard) ? 0 : totals[i][key]), 0);
		const expectedTotal = `total: ${sum("orders")} orders, amount ${sum("amount")} (${answered.length} of ${SHARDS.length} shards)`;
		const said = run.lines.filter((line) => /^(shard-\d|total):/.test(line));
		// A failed shard's line may go on with the reason.
		const wrong = expected.findIndex((line, i) => !(said[i] === line || (line.endsWith(": failed") && said[i]?.startsWith(`${line}:`))));
		const ran = run.exit.reason === null;
		t.check(
			{ en: `One line per shard, in order: ${what.en}`, ko: `샤드마다 한 줄, 순서대로: ${what.ko}` },
			wrong === -1,
			wrong === -1
				? { en: "Every shard reported; what did not answer, as failed.", ko: "모든 샤드를 알렸고, 답하지 않은 샤드는 실패로 알렸습니다." }
				: !ran && said.length === 0
					? {
							en: `Run ${round + 1} printed no shard lines before it was stopped (${run.exit.reason}): it was still waiting.`,
							ko: `${round + 1}번째 실행은 샤드 줄을 하나도 출력하지 못하고 멈춰졌습니다(${run.exit.reason}). 여전히 기다리고 있었습니다.`,
						}
					: {
							en: `Run ${round + 1}: line ${wrong + 1} should be ${quote(expected[wrong])}, got ${quote(said[wrong] ?? "")}.`,
							ko: `${round + 1}번째 실행: ${wrong + 1}번째 샤드 줄은 ${quote(expected[wrong])}이어야 하는데 ${quote(said[wrong] ?? "")}입니다.`,
						},
		);
		const last = said[SHARDS.length] ?? "";
		t.check(
			{ en: `The total of the shards that answered: ${what.en}`, ko: `답한 샤드의 합계: ${what.ko}` },
			last === expectedTotal && said.length === SHARDS.length + 1,
			last === expectedTotal
				? { en: quote(expectedTotal), ko: quote(expectedTotal) }
				: { en: `Run ${round + 1}: expected ${quote(expectedTotal)}, got ${quote(last)}.`, ko: `${round + 1}번째 실행: ${quote(expectedTotal)}이 나와야 하는데 ${quote(last)}이 나왔습니다.` },
		);
		if (round !== 1) continue;
		// Only the deadline ends the wait for a partitioned shard: not before it, and not long after.
		const { ms } = run.exit;
		const inTime = ran && ms >= deadlineMs - 100 && ms <= deadlineMs + SLACK_MS;
		t.check(
			{ en: "Gives up on a silent shard at the deadline", ko: "말이 없는 샤드는 기한에 포기함" },
			inTime,
			inTime
				? { en: `Ended after ${ms} ms, for DEADLINE_MS=${deadlineMs}.`, ko: `DEADLINE_MS=${deadlineMs}에 대해 ${ms}ms 만에 끝났습니다.` }
				: !ran
					? {
							en: `With ${partitioned} partitioned, the program was still waiting when it was stopped after ${ms} ms (DEADLINE_MS=${deadlineMs}).`,
							ko: `${partitioned}이 분할된 동안 프로그램은 ${ms}ms 뒤 멈춰질 때까지 여전히 기다렸습니다(DEADLINE_MS=${deadlineMs}).`,
						}
					: ms < deadlineMs - 100
						? {
								en: `Ended after ${ms} ms, before DEADLINE_MS=${deadlineMs} had passed: the silent shard was not given its time.`,
								ko: `DEADLINE_MS=${deadlineMs}가 지나기도 전인 ${ms}ms에 끝났습니다. 말이 없는 샤드에게 주어진 시간을 다 주지 않았습니다.`,
							}
						: {
								en: `Ended after ${ms} ms, long after DEADLINE_MS=${deadlineMs}: something waited past the deadline.`,
								ko: `DEADLINE_MS=${deadlineMs}보다 한참 늦은 ${ms}ms에 끝났습니다. 무언가가 기한을 넘겨 기다렸습니다.`,
							},
		);
	}
}
