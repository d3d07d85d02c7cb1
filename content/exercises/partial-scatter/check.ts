// Three runs, each with its own shards and orders seeded in the run's scratch
// database: all shards healthy, then one shard (a different one each time)
// that does not exist, so asking it fails with a real MySQL error.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

export default async function check(t: CheckContext): Promise<void> {
	for (const round of [0, 1, 2]) {
		const shards = pick(["east", "west", "north", "south", "center"], 4).map((region) => `shard_${region}`);
		const failing = round === 0 ? null : shards[between(0, shards.length - 1)];
		const data = new Map(shards.map((shard) => [shard, Array.from({ length: between(1, 6) }, () => between(10, 999))]));
		const run = await t.run({
			label:
				failing === null
					? { en: `SHARDS=${shards.join(",")}, all healthy`, ko: `SHARDS=${shards.join(",")}, 모두 정상` }
					: { en: `SHARDS=${shards.join(",")}, ${failing} fails`, ko: `SHARDS=${shards.join(",")}, ${failing} 실패` },
			env: { SHARDS: shards.join(",") },
			async seed(scratch) {
				for (const shard of shards) {
					if (shard === failing) continue;
					await scratch.query(`CREATE TABLE ${shard} (id INT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL)`);
					await scratch.query(`INSERT INTO ${shard} (amount) VALUES ?`, [data.get(shard)!.map((amount) => [amount])]);
				}
			},
		});
		const healthy = shards.filter((shard) => shard !== failing);
		const sum = (shard: string) => data.get(shard)!.reduce((a, b) => a + b, 0);
		const expectedShards = shards.map((shard) => (shard === failing ? `${shard}: failed` : `${shard}: ${data.get(shard)!.length} orders, ${sum(shard)}`));
		const orders = healthy.reduce((count, shard) => count + data.get(shard)!.length, 0);
		const amount = healthy.reduce((total, shard) => total + sum(shard), 0);
		const expectedTotal = `total: ${orders} orders, ${amount} (${healthy.length} of ${shards.length} shards)`;
		const shardLines = run.lines.slice(0, shards.length);
		// A failed shard's line may go on with the reason.
		const wrong = expectedShards.findIndex((line, i) => !(shardLines[i] === line || (line.endsWith(": failed") && shardLines[i]?.startsWith(line))));
		const what = failing === null ? { en: "all shards healthy", ko: "모든 샤드 정상" } : { en: "one shard failing", ko: "샤드 하나 실패" };
		t.check(
			{ en: `One line per shard, in order: ${what.en}`, ko: `샤드마다 한 줄, 순서대로: ${what.ko}` },
			wrong === -1,
			wrong === -1
				? { en: "Every shard reported, the failed one as failed.", ko: "모든 샤드를 알렸고, 실패한 샤드는 실패로 알렸습니다." }
				: { en: `Run ${round + 1}: line ${wrong + 1} should be ${quote(expectedShards[wrong])}, got ${quote(shardLines[wrong] ?? "")}.`, ko: `${round + 1}번째 실행: ${wrong + 1}번째 줄은 ${quote(expectedShards[wrong])}이어야 하는데 ${quote(shardLines[wrong] ?? "")}입니다.` },
		);
		const last = run.lines[shards.length] ?? "";
		t.check(
			{ en: `The total of what answered: ${what.en}`, ko: `답한 샤드의 합계: ${what.ko}` },
			last === expectedTotal && run.lines.length === shards.length + 1,
			last === expectedTotal
				? { en: `${quote(expectedTotal)}`, ko: `${quote(expectedTotal)}` }
				: { en: `Run ${round + 1}: expected ${quote(expectedTotal)}, got ${quote(last)}.`, ko: `${round + 1}번째 실행: ${quote(expectedTotal)}이 나와야 하는데 ${quote(last)}이 나왔습니다.` },
		);
	}
}
