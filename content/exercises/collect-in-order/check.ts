// Runs the program twice with different words and delays chosen so the tasks
// finish out of input order; the output must follow the input anyway, and
// the whole run must take about the longest delay, not their sum.
import { type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const WORDS = ["kiwi", "fig", "plum", "pear", "lime", "date", "mango", "apple", "lemon", "grape", "melon", "peach"];
const DELAYS = [100, 300, 500, 700, 900, 1100, 1300];

export default async function check(t: CheckContext): Promise<void> {
	const orders = [[...DELAYS].reverse(), pick(DELAYS, DELAYS.length)];
	// A shuffle that happens to be sorted would finish in input order: turn it round.
	if (orders[1].every((delay, i) => i === 0 || delay > orders[1][i - 1])) orders[1].reverse();
	for (const [round, delays] of orders.entries()) {
		const words = pick(WORDS, delays.length);
		const jobs = words.map((word, i) => `${word}:${delays[i]}`).join(",");
		const run = await t.run({ label: { en: `JOBS=${jobs}`, ko: `JOBS=${jobs}` }, env: { JOBS: jobs } });
		const expected = words.map((word, i) => `item ${i + 1}: ${word.toUpperCase()}`);
		const results = run.lines.map((line) => line.replace(/^item \d+: /, ""));
		const missing = words.filter((word) => !results.includes(word.toUpperCase()));
		t.check(
			{ en: "Every item has its result", ko: "모든 항목의 결과" },
			missing.length === 0 && run.lines.length === words.length,
			missing.length > 0
				? { en: `Run ${round + 1}: no result for ${quote(missing[0])}.`, ko: `${round + 1}번째 실행: ${quote(missing[0])}의 결과가 없습니다.` }
				: run.lines.length !== words.length
					? { en: `Run ${round + 1}: ${run.lines.length} lines for ${words.length} items.`, ko: `${round + 1}번째 실행: 항목은 ${words.length}개인데 ${run.lines.length}줄이 나왔습니다.` }
					: { en: `${words.length} items, ${words.length} results, in both runs.`, ko: `두 번 모두 항목 ${words.length}개에 결과 ${words.length}개가 나왔습니다.` },
		);
		const wrong = expected.findIndex((line, i) => run.lines[i] !== line);
		t.check(
			{ en: "Results in input order", ko: "입력 순서대로 출력" },
			wrong === -1,
			wrong === -1
				? { en: "Both runs printed item 1, 2, 3… in input order, though the tasks finished in another order.", ko: "작업이 끝난 순서와 상관없이 두 번 모두 입력 순서대로 출력했습니다." }
				: {
						en: `Run ${round + 1}: line ${wrong + 1} should be ${quote(expected[wrong])}, but it is ${quote(run.lines[wrong] ?? "")}.`,
						ko: `${round + 1}번째 실행: ${wrong + 1}번째 줄은 ${quote(expected[wrong])}이어야 하는데 ${quote(run.lines[wrong] ?? "")}입니다.`,
					},
		);
		const sum = delays.reduce((a, b) => a + b, 0);
		// Sequential work takes at least the sum; concurrent work about the longest delay, plus a busy machine's slack.
		const longest = Math.max(...delays);
		const limit = Math.round(longest + (sum - longest) * 0.6);
		t.check(
			{ en: "The tasks run at the same time", ko: "작업을 동시에 실행" },
			run.exit.ms < limit,
			run.exit.ms < limit
				? { en: `Done in ${run.exit.ms} ms; one after another would take at least ${sum} ms.`, ko: `${run.exit.ms}ms 만에 끝났습니다. 하나씩 했다면 적어도 ${sum}ms가 걸립니다.` }
				: { en: `Run ${round + 1} took ${run.exit.ms} ms, as long as doing the tasks one after another (${sum} ms).`, ko: `${round + 1}번째 실행이 ${run.exit.ms}ms 걸렸습니다. 작업을 하나씩 차례로 한 것과 같습니다(${sum}ms).` },
		);
	}
}
