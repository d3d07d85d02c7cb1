import assert from "node:assert/strict";
import { test } from "node:test";
import { hostPath } from "./plain-process.ts";

const mounts = [
  { source: "/srv/app/node_modules/mysql2", target: "/node_modules/mysql2" },
  { source: "/srv/app/node_modules/denque", target: "/node_modules/denque" },
  { source: "/tmp/state/s/r1/program", target: "/program" },
  { source: "/usr/local/bin/node", target: "/opt/node/bin/node" },
];

test("a path as the sandbox shows it becomes the host path it comes from", () => {
  assert.equal(hostPath("/program", mounts), "/tmp/state/s/r1/program");
  assert.equal(hostPath("/program/main.ts", mounts), "/tmp/state/s/r1/program/main.ts");
  assert.equal(hostPath("/opt/node/bin/node", mounts), "/usr/local/bin/node");
  assert.equal(hostPath("/node_modules/mysql2/promise.js", mounts), "/srv/app/node_modules/mysql2/promise.js");
});

test("a folder that only holds mounts is the folder they come from; anything else stays as it is", () => {
  assert.equal(hostPath("/node_modules", mounts), "/srv/app/node_modules");
  assert.equal(hostPath("/programs", mounts), "/programs", "a prefix of a name is not a parent");
  assert.equal(hostPath("/usr/bin/env", mounts), "/usr/bin/env");
});
