// Two runs with different words. Every word must come back from the echo
// server, and the lookups must overlap: the run's gate counts how many
// connections to the echo server were open at once, outside the program.
import { type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

export default async function check(t: CheckContext): Promise<void> {
	for (const [round, count] of [5, 4].entries()) {
		const words = pick(WORDS, count);
		const run = await t.run({ label: { en: `WORDS=${words.join(",")}`, ko: `WORDS=${words.join(",")}` }, env: { WORDS: words.join(",") } });
		const echoed = run.lines.filter((line) => line.startsWith("echo: ")).map((line) => line.slice("echo: ".length));
		const missing = words.filter((word) => !echoed.includes(word));
		const right = missing.length === 0 && run.lines.length === words.length;
		t.check(
			{ en: "Every word comes back", ko: "모든 단어의 답" },
			right,
			right
				? { en: "Each word was echoed once, in both runs.", ko: "두 번 모두 단어마다 답이 한 번씩 나왔습니다." }
				: missing.length > 0
					? { en: `Run ${round + 1}: no answer printed for ${quote(missing[0])}.`, ko: `${round + 1}번째 실행: ${quote(missing[0])}의 답이 출력되지 않았습니다.` }
					: { en: `Run ${round + 1}: ${run.lines.length} lines for ${words.length} words.`, ko: `${round + 1}번째 실행: 단어는 ${words.length}개인데 ${run.lines.length}줄이 나왔습니다.` },
		);
		const together = run.services.echo?.maxOpen ?? 0;
		// All of them is what a correct program gets; one fewer leaves room for a slow machine.
		const enough = Math.max(2, count - 1);
		t.check(
			{ en: "The lookups run at the same time", ko: "동시에 조회" },
			together >= enough,
			together >= enough
				? { en: `The echo server saw up to ${together} of this program's connections open at once.`, ko: `에코 서버에 이 프로그램의 연결이 동시에 최대 ${together}개 열려 있었습니다.` }
				: { en: `Run ${round + 1}: at most ${together} connection(s) to the echo server were open at once, for ${count} words: the lookups ran one after another.`, ko: `${round + 1}번째 실행: 단어 ${count}개에 에코 서버 연결이 동시에 최대 ${together}개뿐이었습니다. 조회가 하나씩 차례로 실행되었습니다.` },
		);
	}
}
