import assert from "node:assert/strict";
import { test } from "node:test";
import { faultOf, PANEL_SLOW_MS } from "./fault-panel.ts";

test("a panel choice becomes the fault the API takes, or nothing", () => {
  assert.equal(faultOf("shard-2", "healthy"), null);
  assert.equal(faultOf("shard-2", "melt"), null);
  assert.deepEqual(faultOf("shard-2", "down"), { node: "shard-2", kind: "down" });
  assert.deepEqual(faultOf("primary", "partition"), { node: "primary", kind: "partition" });
  assert.deepEqual(faultOf("replica-delayed", "slow"), { node: "replica-delayed", kind: "slow", ms: PANEL_SLOW_MS });
});
