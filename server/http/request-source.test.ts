import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRequestSource, hostName, sourcePolicy } from "./request-source.ts";

const local = sourcePolicy("127.0.0.1", []);
const post = (host: string | undefined, origin?: string, secFetchSite?: string) => ({ method: "POST", host, origin, secFetchSite });

test("loopback names and the bound address are this server's names", () => {
  for (const host of ["localhost:4321", "127.0.0.1:4321", "[::1]:4321", "127.1.2.3", "app.localhost:4321"]) {
    assert.equal(checkRequestSource({ method: "GET", host, origin: undefined, secFetchSite: undefined }, local), null, host);
  }
  assert.equal(checkRequestSource(post("10.0.0.5:4321"), sourcePolicy("10.0.0.5", [])), null);
});

test("a foreign Host is refused, whatever the method (DNS rebinding)", () => {
  assert.equal(
    checkRequestSource({ method: "GET", host: "attacker.example:4321", origin: undefined, secFetchSite: undefined }, local),
    "foreign_host",
  );
  assert.equal(checkRequestSource(post("attacker.example", "http://attacker.example"), local), "foreign_host");
  assert.equal(checkRequestSource(post(undefined), local), "foreign_host");
});

test("state changes come from the page's own origin or a configured one", () => {
  assert.equal(checkRequestSource(post("localhost:4321", "http://localhost:4321"), local), null);
  assert.equal(checkRequestSource(post("localhost:4321", "http://localhost:9999"), local), "foreign_origin");
  assert.equal(checkRequestSource(post("localhost:4321", "null"), local), "foreign_origin");
  assert.equal(checkRequestSource(post("localhost:4321", undefined, "cross-site"), local), "foreign_origin");
  const proxied = sourcePolicy("127.0.0.1", ["https://go.example.com"]);
  assert.equal(checkRequestSource(post("go.example.com", "https://go.example.com"), proxied), null);
  assert.equal(checkRequestSource(post("go.example.com", "https://evil.example.com"), proxied), "foreign_origin");
});

test("requests without Origin (curl, scripts) are no cross-site threat", () => {
  assert.equal(checkRequestSource(post("localhost:4321"), local), null);
});

test("host names lose their port and brackets", () => {
  assert.equal(hostName("Example.COM:80"), "example.com");
  assert.equal(hostName("[::1]:4321"), "::1");
});
