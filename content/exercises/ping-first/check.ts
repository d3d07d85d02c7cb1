// Three runs: the right password with a users table of a size chosen for
// the run, a wrong password (a different one each time), and the right one
// again with another size. "connected" must mean connected.
import { between, type CheckContext } from "../../../server/exercises/checker.ts";

export default async function check(t: CheckContext): Promise<void> {
	const rounds = [{ password: "password" }, { password: `wrong-${between(100, 999)}` }, { password: "password" }];
	for (const [round, { password }] of rounds.entries()) {
		const count = between(2, 40);
		const right = password === "password";
		const run = await t.run({
			label: right
				? { en: `the right password, ${count} users`, ko: `맞는 비밀번호, 사용자 ${count}명` }
				: { en: `a wrong password (${password})`, ko: `틀린 비밀번호(${password})` },
			env: { MYSQL_PASSWORD: password },
			async seed(scratch) {
				await scratch.query("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
				await scratch.query("INSERT INTO users (name) VALUES ?", [Array.from({ length: count }, (_, i) => [`user ${i + 1}`])]);
			},
		});
		if (right) {
			const ok = run.lines.join("\n") === `connected\nusers: ${count}` && run.exit.code === 0;
			t.check(
				{ en: "With the right password: connected, and the count", ko: "맞는 비밀번호: 연결되고 개수 출력" },
				ok,
				ok
					? { en: `Printed "connected" and this run's count (${count}).`, ko: `"connected"와 이번 실행의 개수(${count})를 출력했습니다.` }
					: {
							en: `Run ${round + 1}: expected "connected" then "users: ${count}" and status 0; got ${JSON.stringify(run.stdout)} (status ${run.exit.code}).`,
							ko: `${round + 1}번째 실행: "connected", "users: ${count}"와 종료 상태 0이 나와야 하는데 ${JSON.stringify(run.stdout)}(종료 상태 ${run.exit.code})이 나왔습니다.`,
						},
			);
			continue;
		}
		const claimed = run.lines.includes("connected");
		t.check(
			{ en: "With a wrong password: never claims to be connected", ko: "틀린 비밀번호: 연결됐다고 말하지 않음" },
			!claimed,
			claimed
				? { en: `With the password ${JSON.stringify(password)}, the program printed "connected" though it could not connect.`, ko: `비밀번호가 ${JSON.stringify(password)}일 때 연결할 수 없는데도 "connected"를 출력했습니다.` }
				: { en: `With a wrong password, no "connected".`, ko: `틀린 비밀번호로는 "connected"를 출력하지 않았습니다.` },
		);
		const failed = run.exit.code === 1 && run.stderr.trim() !== "";
		t.check(
			{ en: "With a wrong password: an error on stderr, status 1", ko: "틀린 비밀번호: stderr에 오류, 종료 상태 1" },
			failed,
			failed
				? { en: "The error went to stderr and the exit status was 1.", ko: "오류를 stderr에 쓰고 종료 상태 1로 끝났습니다." }
				: { en: `Run ${round + 1}: exit status ${run.exit.code}${run.stderr.trim() ? "" : ", nothing on stderr"}.`, ko: `${round + 1}번째 실행: 종료 상태 ${run.exit.code}${run.stderr.trim() ? "" : ", stderr에는 아무것도 없음"}.` },
		);
	}
}
