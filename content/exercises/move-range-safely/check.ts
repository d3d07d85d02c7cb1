// Three runs, each with its own accounts (ACCOUNTS) and range to move
// (MOVE_FROM..MOVE_TO, once at the end of the ids, once in the middle, where
// shard-1 keeps ids on both sides): two with every shard healthy, where the
// reader must find every account in every pass and the steps must come in the
// order copy, switch, drain, delete; one with shard-3 down, where the move must
// be abandoned with nothing deleted. After each run the checker looks at the
// run's database on shard-1 and shard-3 itself: which ids each really holds.
import type { Fault } from "../../../server/contract.ts";
import { between, type CheckContext, type Localized, quote } from "../../../server/exercises/checker.ts";

interface Round {
	what: Localized;
	faults: Fault[];
	/** Where the range lies among the ids. */
	place: "end" | "middle";
}

const ROUNDS: Round[] = [
	{ what: { en: "all shards healthy", ko: "모든 샤드 정상" }, faults: [], place: "end" },
	{ what: { en: "all shards healthy, a range in the middle", ko: "모든 샤드 정상, 가운데 범위" }, faults: [], place: "middle" },
	{ what: { en: "shard-3 down", ko: "shard-3 다운" }, faults: [{ node: "shard-3", kind: "down" }], place: "middle" },
];

/** What the program's describeShard prints for these ids. */
const describeIds = (ids: number[]) => (ids.length === 0 ? "0 accounts" : `${ids.length} accounts (${ids[0]}-${ids.at(-1)})`);
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
/** "1-3, 7-9": ids as runs, for messages. */
const runsOf = (ids: number[], none: string) => {
	const runs: string[] = [];
	for (let i = 0; i < ids.length; ) {
		let j = i;
		while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
		runs.push(i === j ? `${ids[i]}` : `${ids[i]}-${ids[j]}`);
		i = j + 1;
	}
	return runs.length === 0 ? none : runs.join(", ");
};

export default async function check(t: CheckContext): Promise<void> {
	for (const [round, { what, faults, place }] of ROUNDS.entries()) {
		const accounts = between(6, 14) * 10;
		const size = between(Math.floor(accounts / 5), Math.floor(accounts / 2));
		const moveTo = place === "end" ? accounts : between(size + 1, accounts - 1);
		const moveFrom = moveTo - size + 1;
		const down = faults.length > 0;
		const n = `${round + 1}`;
		const label = (text: string) => `ACCOUNTS=${accounts} MOVE_FROM=${moveFrom} MOVE_TO=${moveTo}, ${text}`;
		// What each shard really holds once the program has ended: ids, or null for no accounts table.
		const held: Record<string, number[] | null> = {};
		let inspectFailed = "";
		const run = await t.run({
			label: { en: label(what.en), ko: label(what.ko) },
			env: { ACCOUNTS: String(accounts), MOVE_FROM: String(moveFrom), MOVE_TO: String(moveTo) },
			faults,
			async inspectShards(shards) {
				for (const node of ["shard-1", "shard-3"]) {
					try {
						const tables = (await shards.query(node, "SHOW TABLES LIKE 'accounts'")) as unknown[];
						if (tables.length === 0) {
							held[node] = null;
							continue;
						}
						const rows = (await shards.query(node, "SELECT id FROM accounts ORDER BY id")) as Array<{ id: number }>;
						held[node] = rows.map((row) => Number(row.id));
					} catch (error) {
						inspectFailed = `${node}: ${(error as Error).message}`;
					}
				}
			},
		});
		const moved = range(moveFrom, moveTo);
		const kept = range(1, accounts).filter((id) => id < moveFrom || id > moveTo);
		const ranToEnd = run.exit.reason === null && run.exit.code === 0;
		const ended: Localized = ranToEnd
			? { en: "", ko: "" }
			: {
					en: ` The run ended with code ${run.exit.code}${run.exit.reason ? ` (${run.exit.reason})` : ""}; see its output above.`,
					ko: ` 실행은 코드 ${run.exit.code}${run.exit.reason ? `(${run.exit.reason})` : ""}로 끝났습니다. 위의 출력을 보세요.`,
				};

		// Every pass the mover printed found every account.
		const passes = run.lines.filter((line) => line.startsWith("reader: "));
		const full = new RegExp(`^reader: ${accounts} of ${accounts} found \\(`);
		const short = passes.find((line) => !full.test(line));
		const minPasses = down ? 2 : 4;
		t.check(
			{ en: `Every printed pass finds every account: ${what.en}`, ko: `출력된 패스마다 모든 계좌를 찾음: ${what.ko}` },
			short === undefined && passes.length >= minPasses && ranToEnd,
			short !== undefined
				? {
						en: `Run ${n}: ${quote(short)}: during that pass some accounts were on no shard the route pointed at.${ended.en}`,
						ko: `${n}번째 실행: ${quote(short)}. 이 패스 동안 일부 계좌는 경로가 가리키는 샤드 어디에도 없었습니다.${ended.ko}`,
					}
				: passes.length < minPasses || !ranToEnd
					? {
							en: `Run ${n} printed ${passes.length} reader lines; the mover reports a pass before the move and after each step (${minPasses} here).${ended.en}`,
							ko: `${n}번째 실행은 reader 줄을 ${passes.length}개 출력했습니다. 옮기기 전과 단계마다 패스를 하나씩 알려야 합니다(여기서는 ${minPasses}개).${ended.ko}`,
						}
					: { en: `${passes.length} passes, each ${accounts} of ${accounts}.`, ko: `패스 ${passes.length}개, 모두 ${accounts}개 중 ${accounts}개.` },
		);

		// The missed total counts every pass, printed or not.
		const missedLine = run.lines.find((line) => line.startsWith("missed reads during the move: ")) ?? "";
		t.check(
			{ en: `No read missed, over every pass: ${what.en}`, ko: `모든 패스를 통틀어 놓친 읽기 없음: ${what.ko}` },
			missedLine === "missed reads during the move: 0",
			missedLine === "missed reads during the move: 0"
				? { en: quote(missedLine), ko: quote(missedLine) }
				: missedLine === ""
					? { en: `Run ${n} printed no "missed reads during the move: …" line.${ended.en}`, ko: `${n}번째 실행은 "missed reads during the move: …" 줄을 출력하지 않았습니다.${ended.ko}` }
					: { en: `Run ${n}: ${quote(missedLine)}.`, ko: `${n}번째 실행: ${quote(missedLine)}.` },
		);

		// The steps, in order.
		const copyLine = `copy ${moveFrom}-${moveTo} to shard-3: ${moved.length} rows`;
		const switchLine = `switch ${moveFrom}-${moveTo} to shard-3`;
		const deleteLine = `delete ${moveFrom}-${moveTo} from shard-1: ${moved.length} rows`;
		const at = (line: string) => run.lines.indexOf(line);
		if (!down) {
			const [copyAt, switchAt, deleteAt] = [at(copyLine), at(switchLine), at(deleteLine)];
			const missing = [copyLine, switchLine, deleteLine].find((line) => at(line) === -1);
			const drained = run.lines.slice(switchAt + 1, deleteAt).some((line) => line.startsWith("reader: "));
			const inOrder = missing === undefined && copyAt < switchAt && switchAt < deleteAt && drained;
			t.check(
				{ en: `Copy, switch, drain, delete, in that order: ${what.en}`, ko: `복사, 전환, 비우기, 삭제 순서: ${what.ko}` },
				inOrder,
				inOrder
					? { en: "Copied, switched, waited for a whole pass, then deleted.", ko: "복사하고 전환한 뒤 패스 하나를 다 기다리고 나서 삭제했습니다." }
					: missing !== undefined
						? { en: `Run ${n} printed no ${quote(missing)} line.${ended.en}`, ko: `${n}번째 실행은 ${quote(missing)} 줄을 출력하지 않았습니다.${ended.ko}` }
						: !(copyAt < switchAt && switchAt < deleteAt)
							? {
									en: `Run ${n} did the steps in the order ${[
										["copy", copyAt],
										["switch", switchAt],
										["delete", deleteAt],
									]
										.sort((a, b) => Number(a[1]) - Number(b[1]))
										.map((step) => step[0])
										.join(", ")}.`,
									ko: `${n}번째 실행의 단계 순서는 ${[
										["복사", copyAt],
										["전환", switchAt],
										["삭제", deleteAt],
									]
										.sort((a, b) => Number(a[1]) - Number(b[1]))
										.map((step) => step[0])
										.join(", ")}였습니다.`,
								}
							: {
									en: `Run ${n} deleted without waiting for a pass that started after the switch (no reader line between them): a read that looked up the old route may still be on its way to shard-1.`,
									ko: `${n}번째 실행은 전환 뒤에 시작한 패스를 기다리지 않고 삭제했습니다(둘 사이에 reader 줄이 없음). 옛 경로를 찾은 읽기가 아직 shard-1로 가는 중일 수 있습니다.`,
								},
			);
		} else {
			const failedLine = run.lines.find((line) => line.startsWith(`copy ${moveFrom}-${moveTo} to shard-3 failed`));
			const went = [switchLine, deleteLine].find((line) => at(line) !== -1);
			const abandoned = failedLine !== undefined && at("move abandoned: every account stays on shard-1") !== -1 && went === undefined;
			t.check(
				{ en: "With shard-3 down, the move is abandoned", ko: "shard-3이 다운이면 옮기기를 포기함" },
				abandoned,
				abandoned
					? { en: quote(failedLine ?? ""), ko: quote(failedLine ?? "") }
					: went !== undefined
						? { en: `Run ${n} went on after the copy failed: ${quote(went)}.`, ko: `${n}번째 실행은 복사가 실패한 뒤에도 계속했습니다: ${quote(went)}.` }
						: {
								en: `Run ${n} should print ${quote(`copy ${moveFrom}-${moveTo} to shard-3 failed: …`)} and ${quote("move abandoned: every account stays on shard-1")}.${ended.en}`,
								ko: `${n}번째 실행은 ${quote(`copy ${moveFrom}-${moveTo} to shard-3 failed: …`)}와 ${quote("move abandoned: every account stays on shard-1")}를 출력해야 합니다.${ended.ko}`,
							},
			);
		}

		// What the shards really hold, seen by the checker, and what the program said they hold.
		const want1 = down ? range(1, accounts) : kept;
		const have1 = held["shard-1"] ?? [];
		const have3 = held["shard-3"] ?? [];
		const same = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);
		const really = inspectFailed === "" && same(have1, want1) && (down || same(have3, moved));
		const where = (ids: number[]) => runsOf(ids, "none");
		const whereKo = (ids: number[]) => runsOf(ids, "없음");
		t.check(
			{ en: `Where the accounts really are afterwards: ${what.en}`, ko: `끝난 뒤 계좌가 실제로 있는 곳: ${what.ko}` },
			really,
			inspectFailed !== ""
				? { en: `The checker could not read the shards after run ${n}: ${inspectFailed}`, ko: `${n}번째 실행 뒤 검사기가 샤드를 읽지 못했습니다: ${inspectFailed}` }
				: really
					? {
							en: down ? `shard-1 still holds ${where(want1)}.` : `shard-1 holds ${where(want1)}, shard-3 holds ${where(moved)}.`,
							ko: down ? `shard-1의 계좌: ${whereKo(want1)}(그대로).` : `shard-1의 계좌: ${whereKo(want1)}, shard-3의 계좌: ${whereKo(moved)}.`,
						}
					: !same(have1, want1)
						? {
								en: `After run ${n} shard-1 holds ${where(have1)}; it should hold ${where(want1)}.`,
								ko: `${n}번째 실행 뒤 shard-1의 계좌는 ${whereKo(have1)}입니다. 있어야 할 계좌: ${whereKo(want1)}.`,
							}
						: {
								en: `After run ${n} shard-3 holds ${where(have3)}; it should hold ${where(moved)}.`,
								ko: `${n}번째 실행 뒤 shard-3의 계좌는 ${whereKo(have3)}입니다. 있어야 할 계좌: ${whereKo(moved)}.`,
							},
		);
		if (!down) {
			const summary = `shard-1: ${describeIds(kept)}, shard-3: ${describeIds(moved)}`;
			const said = run.lines.find((line) => line.startsWith("shard-1: ") && line.includes(", shard-3: ")) ?? "";
			t.check(
				{ en: `The last count per shard: ${what.en}`, ko: `마지막 샤드별 개수: ${what.ko}` },
				said === summary,
				said === summary
					? { en: quote(summary), ko: quote(summary) }
					: { en: `Run ${n}: expected ${quote(summary)}, got ${quote(said)}.`, ko: `${n}번째 실행: ${quote(summary)}이 나와야 하는데 ${quote(said)}이 나왔습니다.` },
			);
		}
	}
}
