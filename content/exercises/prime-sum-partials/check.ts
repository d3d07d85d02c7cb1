// Three runs with a different LIMIT and number of WORKERS each time (one
// that WORKERS does not divide, one so small that a range holds a prime or two, or none).
// Every worker's range, count and sum must be right, and the total must be
// the true one: counters shared without a lock lose updates when two
// workers run on two cores at once.
import { between, type CheckContext, quote } from "../../../server/exercises/checker.ts";

interface Part {
	from: number;
	to: number;
	count: number;
	sum: number;
}

/** What each worker should find, from a sieve (fast, and unlike the program's trial division). */
function expectedParts(limit: number, workers: number): Part[] {
	const composite = new Uint8Array(limit + 1);
	for (let n = 2; n * n <= limit; n++) {
		if (!composite[n]) for (let m = n * n; m <= limit; m += n) composite[m] = 1;
	}
	return Array.from({ length: workers }, (_, i) => {
		const from = Math.floor((i * limit) / workers);
		const to = Math.floor(((i + 1) * limit) / workers);
		let count = 0;
		let sum = 0;
		for (let n = Math.max(from, 2); n < to; n++) {
			if (!composite[n]) {
				count++;
				sum += n;
			}
		}
		return { from, to, count, sum };
	});
}

export default async function check(t: CheckContext): Promise<void> {
	// Few workers: under load, each worker thread takes a second or more to start.
	let oddLimit = between(200_000, 300_000);
	if (oddLimit % 3 === 0) oddLimit += 1;
	const rounds = [
		{ limit: between(100_000, 200_000), workers: 2 },
		{ limit: oddLimit, workers: 3 },
		{ limit: between(8, 20), workers: 3 },
	];
	for (const [round, { limit, workers }] of rounds.entries()) {
		const env = { LIMIT: String(limit), WORKERS: String(workers) };
		const label = `LIMIT=${limit} WORKERS=${workers}`;
		const run = await t.run({ label: { en: label, ko: label }, env });
		const parts = expectedParts(limit, workers);
		const n = round + 1;

		const lines = run.lines.filter((line) => line.startsWith("worker "));
		const ranges = lines.map((line) => line.match(/^worker (\d+): \[(\d+), (\d+)\)/)?.slice(1, 4).join(" ") ?? "");
		const wrongRange = parts.findIndex((p, i) => ranges[i] !== `${i + 1} ${p.from} ${p.to}`);
		const rangesRight = wrongRange === -1 && lines.length === workers;
		t.check(
			{ en: "One line per worker, with its range", ko: "워커마다 한 줄, 맡은 범위와 함께" },
			rangesRight,
			rangesRight
				? { en: "Each run printed one line per worker, in worker order, with the range it checked.", ko: "실행마다 워커 순서대로 한 줄씩, 맡은 범위와 함께 출력했습니다." }
				: lines.length === 0
					? { en: `Run ${n}: no "worker i: [from, to) …" lines; expected ${workers}.`, ko: `${n}번째 실행: "worker i: [from, to) …" 줄이 없습니다. ${workers}줄이 나와야 합니다.` }
					: wrongRange === -1
						? { en: `Run ${n}: ${lines.length} worker lines for WORKERS=${workers}.`, ko: `${n}번째 실행: WORKERS=${workers}인데 워커 줄이 ${lines.length}개입니다.` }
						: {
								en: `Run ${n}: worker ${wrongRange + 1} should check [${parts[wrongRange].from}, ${parts[wrongRange].to}), but its line is ${quote(lines[wrongRange] ?? "(missing)")}.`,
								ko: `${n}번째 실행: 워커 ${wrongRange + 1}의 범위는 [${parts[wrongRange].from}, ${parts[wrongRange].to})여야 하는데 그 줄은 ${quote(lines[wrongRange] ?? "(없음)")}입니다.`,
							},
		);

		const expectedLines = parts.map((p, i) => `worker ${i + 1}: [${p.from}, ${p.to}) ${p.count} primes, sum ${p.sum}`);
		const wrongPart = expectedLines.findIndex((line, i) => lines[i] !== line);
		t.check(
			{ en: "Each worker's count and sum", ko: "워커마다 개수와 합" },
			wrongPart === -1 && lines.length === workers,
			wrongPart === -1 && lines.length === workers
				? { en: "Every worker's partial count and sum were right, for every LIMIT and WORKERS.", ko: "LIMIT과 WORKERS가 달라도 워커마다 부분 개수와 합이 모두 맞았습니다." }
				: wrongPart === -1
					? { en: `Run ${n}: expected exactly ${workers} worker lines.`, ko: `${n}번째 실행: 워커 줄이 정확히 ${workers}개여야 합니다.` }
					: {
							en: `Run ${n}: expected ${quote(expectedLines[wrongPart])}, got ${quote(lines[wrongPart] ?? "(no line)")}.`,
							ko: `${n}번째 실행: ${quote(expectedLines[wrongPart])}이 나와야 하는데 ${quote(lines[wrongPart] ?? "(줄 없음)")}이 나왔습니다.`,
						},
		);

		const count = parts.reduce((a, p) => a + p.count, 0);
		const sum = parts.reduce((a, p) => a + p.sum, 0);
		const expectedTotal = `total: ${count} primes below ${limit}, sum ${sum}`;
		const total = run.lines.findLast((line) => line.startsWith("total:")) ?? "";
		const totalRight = total === expectedTotal && run.lines.at(-1) === expectedTotal;
		t.check(
			{ en: "The total, with no update lost", ko: "잃어버린 덧셈 없는 합계" },
			totalRight,
			totalRight
				? { en: "The last line held the true count and sum each time.", ko: "마지막 줄의 개수와 합이 매번 정확했습니다." }
				: {
						en: `Run ${n}: the last line should be ${quote(expectedTotal)}, but it is ${quote(run.lines.at(-1) ?? "")}.`,
						ko: `${n}번째 실행: 마지막 줄은 ${quote(expectedTotal)}이어야 하는데 ${quote(run.lines.at(-1) ?? "")}입니다.`,
					},
		);
	}
}
