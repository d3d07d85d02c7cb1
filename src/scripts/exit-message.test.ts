import assert from "node:assert/strict";
import { test } from "node:test";
import { EXIT_REASONS } from "../../server/contract.ts";
import en from "../i18n/en.json" with { type: "json" };
import { exitMessage } from "./exit-message.ts";

const exit = (change: Partial<Parameters<typeof exitMessage>[0]>) =>
  exitMessage({ code: 0, signal: null, ms: 1500, reason: null, ...change });

test("how a run ended becomes its last line", () => {
  assert.deepEqual(exit({}), { key: "program.exited", params: {}, ok: true });
  assert.deepEqual(exit({ code: 3 }), { key: "program.exitedStatus", params: { code: 3 }, ok: false });
  assert.deepEqual(exit({ code: null, signal: "SIGSEGV" }), { key: "program.exitedSignal", params: { signal: "SIGSEGV" }, ok: false });
  assert.deepEqual(exit({ code: null, reason: "timeout", ms: 10_020 }), {
    key: "program.killed.timeout",
    params: { seconds: 10 },
    ok: false,
  });
  assert.deepEqual(exit({ code: null, reason: "server-stopped" }), { key: "program.killed.server-stopped", params: {}, ok: true });
  assert.deepEqual(exit({ code: 1, reason: "compile-error" }), { key: "program.killed.compile-error", params: {}, ok: false });
});

test("every exit reason has words on the page", () => {
  for (const reason of EXIT_REASONS) assert.ok(exit({ reason }).key in en, reason);
});
