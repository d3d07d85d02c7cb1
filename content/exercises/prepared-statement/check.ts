// Three runs against a customers table seeded for each run (ids and cities
// shuffled), each with a different name: an ordinary one that appears
// twice, one with a quote in it, and an injection that would match every row.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const CITIES = ["Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Jeju"];
const ORDINARY = ["Kim Minji", "Lee Jiwoo", "Park Seoyeon", "Choi Hyun", "Alice Moreau", "Bob Lindqvist"];
const QUOTED = ["O'Brien", "D'Angelo", "Jeanne d'Arc", "N'Golo"];
const INJECTIONS = ["nobody' OR '1'='1", "x' OR 'a'='a", "' OR 1=1 -- "];

export default async function check(t: CheckContext): Promise<void> {
	const targets = [pick(ORDINARY, 1)[0], pick(QUOTED, 1)[0], pick(INJECTIONS, 1)[0]];
	for (const [round, target] of targets.entries()) {
		// The target (twice when it is an ordinary name; never when it is an injection, which is only ever text), and others.
		const others = [...pick(ORDINARY.filter((name) => name !== target), 3), ...pick(QUOTED.filter((name) => name !== target), 1)];
		const stored = [...(round === 0 ? [target, target] : round === 1 ? [target] : []), ...others];
		let id = between(10, 80);
		const rows = pick(stored, stored.length).map((name) => ({ id: (id += between(1, 5)), name, city: pick(CITIES, 1)[0] }));
		const run = await t.run({
			label: { en: `NAME=${quote(target)}`, ko: `NAME=${quote(target)}` },
			env: { NAME: target },
			async seed(scratch) {
				await scratch.query("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, city VARCHAR(50) NOT NULL)");
				await scratch.query("INSERT INTO customers (id, name, city) VALUES ?", [rows.map((row) => [row.id, row.name, row.city])]);
			},
		});
		const matching = rows.filter((row) => row.name === target).sort((a, b) => a.id - b.id);
		const expected = [...matching.map((row) => `${row.id} ${row.name} (${row.city})`), `rows: ${matching.length}`];
		const same = run.lines.join("\n") === expected.join("\n");
		const what =
			round === 0
				? { en: "an ordinary name", ko: "평범한 이름" }
				: round === 1
					? { en: "a name with a quote in it", ko: "따옴표가 든 이름" }
					: { en: "an injection attempt", ko: "인젝션 시도" };
		const got = run.lines.length > 3 ? `${run.lines.slice(0, 3).join("\n")}\n… (${run.lines.length} lines)` : run.lines.join("\n");
		t.check(
			{ en: `Finds exactly the customers named so: ${what.en}`, ko: `이름이 정확히 같은 고객만: ${what.ko}` },
			same,
			same
				? { en: `${quote(target)}: ${matching.length} row(s), as seeded.`, ko: `${quote(target)}: 넣어 둔 대로 ${matching.length}행입니다.` }
				: {
						en: `NAME=${quote(target)}: expected ${quote(expected.join("\n"))}, got ${quote(got)}.`,
						ko: `NAME=${quote(target)}: ${quote(expected.join("\n"))}이 나와야 하는데 ${quote(got)}이 나왔습니다.`,
					},
		);
	}
}
