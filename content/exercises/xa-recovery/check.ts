// Two runs, each with its own transfers left in doubt by a crashed
// coordinator (TRANSFERS: name, amount, and how far phase 1 got). The
// program's given part prepares them on the shards and reports, after the
// reader's recovery, what is still prepared and the balances it reads back
// from the shards. Only a transfer prepared on both shards may be committed;
// one prepared on a single shard must be rolled back there, or the money it
// moved on one side appears or vanishes.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const SENDER = 500;
const RECEIVER = 100;

export default async function check(t: CheckContext): Promise<void> {
	for (const round of [0, 1]) {
		const count = between(3, 5);
		const names = pick(
			Array.from({ length: 90 }, (_, i) => `tx-${i + 10}`),
			count,
		);
		// At least one of each kind, in a different place each run.
		const kinds = [
			"both",
			pick(["shard-1", "shard-2"], 1)[0],
			...Array.from({ length: count - 2 }, () => pick(["both", "both", "shard-1", "shard-2"], 1)[0]),
		];
		const transfers = pick(names, count).map((xid, i) => ({ xid, amount: between(1, 49) * 5, preparedOn: kinds[i] }));
		const spec = transfers.map(({ xid, amount, preparedOn }) => `${xid}:${amount}:${preparedOn}`).join(",");
		const run = await t.run({ label: { en: `TRANSFERS=${spec}`, ko: `TRANSFERS=${spec}` }, env: { TRANSFERS: spec } });

		const sorted = [...transfers].sort((a, b) => (a.xid < b.xid ? -1 : 1));
		const expected = sorted.map(({ xid, preparedOn }) => `${xid}: ${preparedOn === "both" ? "committed" : "rolled back"}`);
		const said = run.lines.filter((line) => /^tx-\d+: /.test(line));
		const wrong = expected.findIndex((line, i) => said[i] !== line);
		const decided = wrong === -1 && said.length === expected.length;
		t.check(
			{ en: "Decides every transfer in doubt", ko: "미결 이체를 모두 결정함" },
			decided,
			decided
				? { en: "Prepared on both: committed; on one shard only: rolled back.", ko: "두 샤드 모두 준비한 이체는 커밋, 한 샤드만 준비한 이체는 롤백했습니다." }
				: wrong === -1
					? {
							en: `Run ${round + 1}: ${said.length} transfer lines for ${expected.length} transfers.`,
							ko: `${round + 1}번째 실행: 이체 ${expected.length}건에 이체 줄이 ${said.length}개입니다.`,
						}
					: {
							en: `Run ${round + 1}: expected ${quote(expected[wrong])}, got ${quote(said[wrong] ?? "")} (${transfers.find((each) => expected[wrong].startsWith(`${each.xid}:`))?.preparedOn === "both" ? "both shards prepared it" : "only one shard prepared it"}).`,
							ko: `${round + 1}번째 실행: ${quote(expected[wrong])}이어야 하는데 ${quote(said[wrong] ?? "")}입니다(${transfers.find((each) => expected[wrong].startsWith(`${each.xid}:`))?.preparedOn === "both" ? "두 샤드가 모두 준비한 이체" : "한 샤드만 준비한 이체"}).`,
						},
		);
		const doubt = run.lines.find((line) => line.startsWith("still in doubt:")) ?? "";
		t.check(
			{ en: "Leaves nothing in doubt", ko: "미결 이체를 남기지 않음" },
			doubt === "still in doubt: none",
			doubt === "still in doubt: none"
				? { en: "XA RECOVER shows nothing on either shard afterwards.", ko: "끝난 뒤 두 샤드 모두 XA RECOVER에 아무것도 없습니다." }
				: { en: `Run ${round + 1}: ${quote(doubt)}.`, ko: `${round + 1}번째 실행: ${quote(doubt)}.` },
		);
		const moved = transfers.filter((each) => each.preparedOn === "both").reduce((sum, each) => sum + each.amount, 0);
		const shard1 = SENDER * count - moved;
		const shard2 = RECEIVER * count + moved;
		const expectedBalances = `after recovery: shard-1 ${shard1}, shard-2 ${shard2}, total ${shard1 + shard2}`;
		const balances = run.lines.find((line) => line.startsWith("after recovery:")) ?? "";
		t.check(
			{ en: "Balances add up: no money made or lost", ko: "잔액이 맞음: 생기거나 사라진 돈이 없음" },
			balances === expectedBalances,
			balances === expectedBalances
				? { en: quote(expectedBalances), ko: quote(expectedBalances) }
				: {
						en: `Run ${round + 1}: expected ${quote(expectedBalances)}, got ${quote(balances)}.`,
						ko: `${round + 1}번째 실행: ${quote(expectedBalances)}이 나와야 하는데 ${quote(balances)}이 나왔습니다.`,
					},
		);
	}
}
