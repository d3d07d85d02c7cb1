import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DEFAULT_SLOW_MS, parseFaults } from "./faults.ts";
import { openRunGate } from "./run-gate.ts";

const NODES = ["shard-1", "shard-2", "primary"];

test("faults: absent or empty is none; each fault checked against the nodes and the kinds", () => {
  assert.deepEqual(parseFaults(undefined, NODES), { faults: [] });
  assert.deepEqual(parseFaults([], NODES), { faults: [] });
  assert.deepEqual(
    parseFaults(
      [
        { node: "shard-2", kind: "down" },
        { node: "primary", kind: "slow" },
        { node: "shard-1", kind: "slow", ms: 50 },
      ],
      NODES,
    ),
    {
      faults: [
        { node: "shard-2", kind: "down" },
        { node: "primary", kind: "slow", ms: DEFAULT_SLOW_MS },
        { node: "shard-1", kind: "slow", ms: 50 },
      ],
    },
  );
  const problem = (value: unknown, nodes = NODES) => {
    const parsed = parseFaults(value, nodes);
    assert.ok("problem" in parsed, JSON.stringify(value));
    assert.ok(parsed.problem.ko.length > 0);
    return parsed.problem.en;
  };
  assert.match(problem({ node: "shard-2" }), /must be a list/);
  assert.match(problem([{ node: "shard-9", kind: "down" }]), /no cluster node called "shard-9" \(nodes: shard-1, shard-2, primary\)/);
  assert.match(problem([{ node: "shard-2", kind: "down" }], []), /no cluster node/);
  assert.match(problem([{ node: "shard-2", kind: "crash" }]), /"crash" is not one of down, slow, partition/);
  assert.match(problem([{ node: "shard-2", kind: "down", ms: 10 }]), /"ms" belongs to "slow"/);
  assert.match(problem([{ node: "shard-2", kind: "slow", ms: 0 }]), /"ms"/);
  assert.match(problem([{ node: "shard-2", kind: "slow", ms: 99_999 }]), /"ms"/);
  assert.match(problem([{ node: "shard-2", kind: "down", extra: 1 }]), /unknown field "extra"/);
  assert.match(
    problem([
      { node: "shard-2", kind: "down" },
      { node: "shard-2", kind: "slow" },
    ]),
    /has a fault already/,
  );
});

/** A gate with one node target in front of a real TCP echo server. */
async function gateBeforeEcho() {
  const echo = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  const dir = mkdtempSync(path.join(tmpdir(), "gate-"));
  const port = (echo.address() as net.AddressInfo).port;
  const gate = await openRunGate(dir, [{ name: "node-shard-2", host: "127.0.0.1", port, maxConnections: 4, node: "shard-2" }]);
  const socket = path.join(dir, "node-shard-2.sock");
  return {
    gate,
    /** Connects, sends "ping", and says what happened within `waitMs`. */
    async roundTrip(waitMs: number): Promise<{ reply: string; closed: boolean; ms: number }> {
      const began = Date.now();
      const client = net.connect(socket);
      let reply = "";
      let closed = false;
      client.setEncoding("utf8");
      client.on("data", (chunk: string) => {
        reply += chunk;
      });
      client.on("error", () => {});
      client.on("close", () => {
        closed = true;
      });
      client.write("ping");
      const deadline = Date.now() + waitMs;
      while (reply !== "ping" && !closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      client.destroy();
      return { reply, closed, ms: Date.now() - began };
    },
    async close() {
      await gate.close();
      echo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("the gate applies a run's faults to the node's connections: none, down, partition, slow", async () => {
  const setup = await gateBeforeEcho();
  try {
    assert.equal((await setup.roundTrip(2000)).reply, "ping", "healthy: the echo comes back");
    setup.gate.setFaults([{ node: "shard-2", kind: "down" }]);
    const down = await setup.roundTrip(2000);
    assert.deepEqual([down.reply, down.closed], ["", true], "down: closed at once, nothing back");
    setup.gate.setFaults([{ node: "shard-2", kind: "partition" }]);
    const cut = await setup.roundTrip(300);
    assert.deepEqual([cut.reply, cut.closed], ["", false], "partition: open, and silent");
    setup.gate.setFaults([{ node: "shard-2", kind: "slow", ms: 150 }]);
    const slow = await setup.roundTrip(3000);
    assert.equal(slow.reply, "ping");
    // One packet each way, each held back 150 ms (wide margins: a busy machine is only ever later).
    assert.ok(slow.ms >= 290, `slow: the echo came back after ${slow.ms} ms`);
    setup.gate.setFaults([{ node: "shard-1", kind: "down" }]);
    assert.equal((await setup.roundTrip(2000)).reply, "ping", "a fault of another node changes nothing here");
  } finally {
    await setup.close();
  }
});
