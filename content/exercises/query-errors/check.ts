// Three runs against the run's own scratch database: users in a table whose
// columns are in the usual order, then in another order (name first, an
// extra column), each with its own rows inserted out of id order; then no
// users table at all, where the program must fail as a failure.
import { between, type CheckContext, pick, quote } from "../../../server/exercises/checker.ts";

const NAMES = ["Minji", "Jiwoo", "Seoyeon", "Hyun", "Alice", "Bob", "Chloé", "Dae-ho", "Eun-ji", "Farid"];

export default async function check(t: CheckContext): Promise<void> {
	const tables = [
		"CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)",
		"CREATE TABLE users (name VARCHAR(50) NOT NULL, email VARCHAR(80) NOT NULL, id INT PRIMARY KEY)",
		null,
	];
	for (const [round, table] of tables.entries()) {
		let id = between(1, 20);
		const users = pick(NAMES, between(3, 6)).map((name) => ({ id: (id += between(1, 9)), name }));
		const label =
			table === null
				? { en: "no users table", ko: "users 표 없음" }
				: round === 0
					? { en: `${users.length} users, columns (id, name)`, ko: `사용자 ${users.length}명, 열 (id, name)` }
					: { en: `${users.length} users, columns (name, email, id)`, ko: `사용자 ${users.length}명, 열 (name, email, id)` };
		const run = await t.run({
			label,
			async seed(scratch) {
				if (table === null) return;
				await scratch.query(table);
				for (const user of pick(users, users.length)) {
					await scratch.query("INSERT INTO users SET ?", [round === 0 ? user : { ...user, email: `${user.name.toLowerCase()}@example.com` }]);
				}
			},
		});
		if (table === null) {
			const failedRight = run.exit.code === 1 && run.exit.reason === null && run.stderr.trim() !== "" && !/panic|goroutine \d/.test(run.stderr);
			t.check(
				{ en: "A failed query ends as a failure", ko: "쿼리가 실패하면 실패로 끝남" },
				failedRight,
				failedRight
					? { en: "With no users table, the error went to stderr and the exit status was 1.", ko: "users 표가 없을 때 오류를 stderr에 쓰고 종료 상태 1로 끝났습니다." }
					: run.exit.code === 0
						? { en: "With no users table, the program still ended with status 0, as if it had worked.", ko: "users 표가 없는데도 프로그램이 성공한 것처럼 종료 상태 0으로 끝났습니다." }
						: /panic|goroutine \d/.test(run.stderr)
							? { en: "With no users table, the program panicked instead of reporting the error.", ko: "users 표가 없을 때 오류를 알리지 않고 패닉했습니다." }
							: run.stderr.trim() === ""
								? { en: `With no users table, nothing was written to stderr (exit status ${run.exit.code}).`, ko: `users 표가 없을 때 stderr에 아무것도 쓰지 않았습니다(종료 상태 ${run.exit.code}).` }
								: { en: `With no users table, the exit status was ${run.exit.code}, not 1.`, ko: `users 표가 없을 때 종료 상태가 1이 아니라 ${run.exit.code}였습니다.` },
			);
			continue;
		}
		const expected = users.map((user) => `User ID: ${user.id} Name: ${user.name}`);
		const printed = run.lines.join("\n");
		const right = printed === expected.join("\n") && run.exit.code === 0;
		t.check(
			{ en: "Every user, in id order, whatever the column order", ko: "열 순서와 상관없이 모든 사용자를 id 순으로" },
			right,
			right
				? { en: "The right users in id order, in both tables.", ko: "두 표 모두에서 사용자를 id 순으로 바르게 출력했습니다." }
				: { en: `Run ${round + 1} (${label.en}): expected ${quote(expected.join("\n"))}, got ${quote(printed)}.`, ko: `${round + 1}번째 실행(${label.ko}): ${quote(expected.join("\n"))}이 나와야 하는데 ${quote(printed)}이 나왔습니다.` },
		);
	}
}
