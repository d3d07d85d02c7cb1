// The pool's bookkeeping with sandboxes that are only promises: which run gets
// which sandbox, and when a new one is started. (tests/integration/warm-pool.test.ts
// does the same with real sandboxes.)
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import type { Profile, RunSandbox } from "./run-sandbox.ts";
import { createWarmPool } from "./warm-pool.ts";

const PROFILE: Profile = { lang: "ts", mysql: false, workers: false, cluster: false };

/** Sandboxes that become ready when the test says so. */
function fakeStarts() {
  const started: Array<{ sandbox: RunSandbox; ahead: boolean; ready(): void; fail(): void }> = [];
  const start = async (_profile: Profile, ahead: boolean): Promise<RunSandbox> => {
    let ready = () => {};
    let fail = () => {};
    let disposed = () => {};
    const readiness = new Promise<void>((resolve, reject) => {
      ready = resolve;
      fail = () => reject(new Error("did not start"));
    });
    readiness.catch(() => {});
    const sandbox = {
      profile: PROFILE,
      ready: readiness,
      process: { child: new EventEmitter() },
      disposed: new Promise<void>((resolve) => {
        disposed = resolve;
      }),
      dispose: async () => disposed(),
    } as unknown as RunSandbox;
    started.push({ sandbox, ahead, ready, fail });
    return sandbox;
  };
  /** Lets every sandbox still starting get there, so the pool can close. */
  const settle = () => {
    for (const each of started) each.ready();
  };
  return { started, start, settle };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("a run that finds the pool empty takes the sandbox already starting if it is ready first; its own waits for the next run", async () => {
  const { started, start, settle } = fakeStarts();
  const pool = createWarmPool({ sizes: [{ profile: PROFILE, size: 1 }], start });
  await tick();
  assert.equal(started.length, 1, "the pool starts one ahead");
  const taking = pool.take(PROFILE);
  await tick();
  const own = started.find((each) => !each.ahead);
  assert.ok(own, "and the run starts one of its own");
  started[0].ready();
  assert.equal(await taking, started[0].sandbox);
  own.ready();
  await tick();
  assert.deepEqual(Object.values(pool.idle()), [1], "the run's own waits for the next run");
  assert.equal(await pool.take(PROFILE), own.sandbox);
  settle();
  await pool.close();
});

test("a run that finds the pool empty takes its own sandbox if that is ready first; the pool's waits for the next run", async () => {
  const { started, start, settle } = fakeStarts();
  const pool = createWarmPool({ sizes: [{ profile: PROFILE, size: 1 }], start });
  await tick();
  const taking = pool.take(PROFILE);
  await tick();
  const own = started.find((each) => !each.ahead);
  own?.ready();
  assert.equal(await taking, own?.sandbox);
  started[0].ready();
  await tick();
  assert.deepEqual(Object.values(pool.idle()), [1]);
  assert.equal(await pool.take(PROFILE), started[0].sandbox);
  settle();
  await pool.close();
});

test("if the sandbox already starting fails, the run gets its own", async () => {
  const { started, start, settle } = fakeStarts();
  const pool = createWarmPool({ sizes: [{ profile: PROFILE, size: 1 }], start });
  await tick();
  const taking = pool.take(PROFILE);
  await tick();
  started[0].fail();
  await tick();
  const own = started.find((each) => !each.ahead);
  assert.ok(own, "started on the spot");
  own.ready();
  assert.equal(await taking, own.sandbox);
  settle();
  await pool.close();
});

test("no more runs wait than sandboxes are starting: the next one only starts its own", async () => {
  const { started, start, settle } = fakeStarts();
  const pool = createWarmPool({ sizes: [{ profile: PROFILE, size: 1 }], start });
  await tick();
  const first = pool.take(PROFILE);
  const second = pool.take(PROFILE);
  await tick();
  assert.equal(started.filter((each) => !each.ahead).length, 2, "one raced by the first run, one for the second");
  assert.equal(await second, started[2].sandbox, "the second run did not wait for a sandbox to be ready");
  started[0].ready();
  assert.equal(await first, started[0].sandbox);
  settle();
  await pool.close();
});
