// `npm test`: every suite in order — lint, types, unit, integration (with its
// unprivileged pass), browser — with how long each took, so a slow suite is
// seen at once. A failing suite does not stop the others; the exit code says
// whether all passed.
import { spawn } from "node:child_process";

const SUITES = ["lint", "check", "test:unit", "test:integration", "test:e2e"];
// Far above each suite's usual time on a 2-core machine; only a hang reaches them.
const LIMIT_MINUTES: Record<string, number> = { lint: 5, check: 10, "test:unit": 10, "test:integration": 45, "test:e2e": 40 };
const results: Array<{ suite: string; ok: boolean; seconds: number }> = [];

for (const suite of SUITES) {
  const started = performance.now();
  console.log(`\n[npm test] ${suite} …`);
  const code = await new Promise<number>((resolve) => {
    // Its own process group, so a suite that hangs can be stopped with everything it started.
    const child = spawn("npm", ["run", suite], { stdio: "inherit", detached: true });
    const watchdog = setTimeout(() => {
      console.log(`\n[npm test] ${suite} is still running after ${LIMIT_MINUTES[suite]} minutes: stopping it`);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, LIMIT_MINUTES[suite] * 60_000);
    child.once("exit", (exitCode) => {
      clearTimeout(watchdog);
      resolve(exitCode ?? 1);
    });
  });
  results.push({ suite, ok: code === 0, seconds: (performance.now() - started) / 1000 });
}

console.log("\n[npm test] suites:");
for (const { suite, ok, seconds } of results)
  console.log(`  ${ok ? "passed" : "FAILED"}  ${suite.padEnd(18)} ${seconds.toFixed(0).padStart(5)} s`);
const total = results.reduce((sum, each) => sum + each.seconds, 0);
console.log(`  total ${total.toFixed(0)} s`);
process.exitCode = results.every((each) => each.ok) ? 0 : 1;
