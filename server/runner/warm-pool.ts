// Go Playground style: a few run sandboxes started ahead of time per profile,
// each single-use and already inside its sandbox, so a Run skips the
// sandbox's and Node's start-up. Edited code uses them as shipped code does.
// When a pool is empty, a run takes whichever is ready first of a sandbox
// already on its way and one started on the spot in exactly the same way; the
// other waits for the next run.
import { type Profile, profileKey, type RunSandbox } from "./run-sandbox.ts";

export interface WarmPool {
  /** A ready sandbox for this profile: a waiting one if there is one, else one started now. */
  take(profile: Profile): Promise<RunSandbox>;
  /** Idle sandboxes per profile key. */
  idle(): Record<string, number>;
  close(): Promise<void>;
}

export interface WarmPoolOptions {
  /** Sandboxes kept waiting per profile; 0 for a profile not listed. */
  sizes: Array<{ profile: Profile; size: number }>;
  start(profile: Profile, ahead: boolean): Promise<RunSandbox>;
  log?(line: string): void;
}

export function createWarmPool(options: WarmPoolOptions): WarmPool {
  interface Pool {
    profile: Profile;
    size: number;
    idle: Set<RunSandbox>;
    starting: number;
    /** Runs waiting for a sandbox that is starting (never more of them than are starting); null: it failed. */
    waiting: Array<(sandbox: RunSandbox | null) => void>;
  }
  const pools = new Map<string, Pool>();
  for (const { profile, size } of options.sizes)
    pools.set(profileKey(profile), { profile, size, idle: new Set(), starting: 0, waiting: [] });
  let closed = false;
  let failures = 0;

  /** Starts a sandbox and waits until it is ready; one that fails to get there is thrown away. */
  async function startReady(profile: Profile, ahead: boolean): Promise<RunSandbox> {
    const sandbox = await options.start(profile, ahead);
    try {
      await sandbox.ready;
      return sandbox;
    } catch (error) {
      await sandbox.dispose();
      throw error;
    }
  }

  const starting = new Set<Promise<void>>();

  /** Work on sandboxes that close() waits for. */
  function track(work: Promise<unknown>): void {
    const tracked = work.then(
      () => {},
      () => {},
    );
    starting.add(tracked);
    void tracked.finally(() => starting.delete(tracked));
  }

  /** A ready sandbox waits for the next run (thrown away if the pool is full or closed). */
  function keep(key: string, pool: Pool, sandbox: RunSandbox): Promise<void> | undefined {
    if (closed || pool.idle.size >= pool.size) return sandbox.dispose();
    pool.idle.add(sandbox);
    // A sandbox that dies while idle is replaced, never handed out.
    sandbox.process.child.once("exit", () => {
      if (!pool.idle.delete(sandbox)) return;
      void sandbox.dispose();
      setTimeout(() => refill(key), 200);
    });
  }

  /**
   * For a run that finds its pool empty: the first to be ready of the sandbox already starting
   * (usually ahead) and one started now (ahead when the other is slow, e.g. just begun); the
   * other is kept for the next run.
   */
  async function firstReady(key: string, pool: Pool): Promise<RunSandbox> {
    let waiter: (sandbox: RunSandbox | null) => void = () => {};
    const fromPool = new Promise<RunSandbox | null>((resolve) => {
      waiter = resolve;
      pool.waiting.push(resolve);
    });
    const own = startReady(pool.profile, false);
    own.catch(() => {});
    const winner = await Promise.race([
      fromPool.then((sandbox) => sandbox ?? own),
      own.catch(async (error) => (await fromPool) ?? Promise.reject(error)),
    ]);
    const index = pool.waiting.indexOf(waiter);
    // Still waiting: the pool's sandbox will go to the next run (or idle) by itself.
    if (index >= 0) pool.waiting.splice(index, 1);
    else track(fromPool.then((sandbox) => (sandbox && sandbox !== winner ? keep(key, pool, sandbox) : undefined)));
    track(own.then((sandbox) => (sandbox !== winner ? keep(key, pool, sandbox) : undefined)));
    return winner;
  }

  function refill(key: string): void {
    const pool = pools.get(key);
    if (!pool || closed || pool.idle.size + pool.starting >= pool.size) return;
    pool.starting++;
    const started = startReady(pool.profile, true).then(
      (sandbox) => {
        failures = 0;
        if (closed) {
          pool.waiting.shift()?.(null);
          return sandbox.dispose();
        }
        const waiter = pool.waiting.shift();
        if (waiter) return waiter(sandbox);
        return keep(key, pool, sandbox);
      },
      (error: Error) => {
        pool.waiting.shift()?.(null);
        if (closed) return;
        // Back off, so a broken machine does not spin.
        failures++;
        options.log?.(`could not start a ${key} sandbox: ${error.message}`);
        setTimeout(() => refill(key), Math.min(30_000, 200 * 2 ** failures));
      },
    );
    const tracked = started.finally(() => {
      pool.starting--;
      starting.delete(tracked);
      refill(key);
    });
    starting.add(tracked);
  }

  for (const key of pools.keys()) refill(key);
  return {
    async take(profile) {
      const key = profileKey(profile);
      const pool = pools.get(key);
      let sandbox = pool?.idle.values().next().value ?? null;
      if (pool && !sandbox && pool.waiting.length < pool.starting) sandbox = await firstReady(key, pool);
      sandbox ??= await options.start(profile, false);
      pool?.idle.delete(sandbox);
      // Starting a sandbox blocks this process for a moment (fork): refill once the run is over,
      // not while its output streams, and at the latest after a second.
      const later = setTimeout(() => refill(key), 1000);
      void sandbox.disposed.then(() => {
        clearTimeout(later);
        refill(key);
      });
      return sandbox;
    },
    idle: () => Object.fromEntries([...pools].map(([key, pool]) => [key, pool.idle.size])),
    async close() {
      closed = true;
      const idle = [...pools.values()].flatMap((pool) => [...pool.idle]);
      for (const pool of pools.values()) pool.idle.clear();
      // Sandboxes still starting are thrown away as soon as they are there (or given up).
      await Promise.all([...idle.map((sandbox) => sandbox.dispose()), ...starting]);
    },
  };
}
