import assert from "node:assert/strict";
import { test } from "node:test";
import { hitUrl, isMeaningfulHit, meaningfulTerms } from "./search-results.ts";

test("single Latin letters are not terms; Korean syllables are", () => {
  assert.deepEqual(meaningfulTerms("x y z"), []);
  assert.deepEqual(meaningfulTerms("  WaitGroup  a "), ["waitgroup"]);
  assert.deepEqual(meaningfulTerms("락 go"), ["락", "go"]);
});

test("a hit must contain every term, at the start of a word (anywhere in Korean)", () => {
  const page = { url: "/en/goroutines/", content: "Goroutines and a WaitGroup. You wait for all of them." };
  assert.equal(isMeaningfulHit(page, meaningfulTerms("waitgroup")), true);
  assert.equal(isMeaningfulHit(page, meaningfulTerms("goroutine wait")), true);
  // Pagefind's near misses: "xqzv", "asdfgh jkl", or "roup" inside a word.
  assert.equal(isMeaningfulHit(page, meaningfulTerms("xqzv")), false);
  assert.equal(isMeaningfulHit(page, meaningfulTerms("asdfgh jkl")), false);
  assert.equal(isMeaningfulHit(page, meaningfulTerms("roup")), false);
  assert.equal(isMeaningfulHit(page, meaningfulTerms("x y z")), false);
  const korean = { url: "/ko/goroutines/", content: "고루틴은 가벼운 스레드입니다. 분산데이터베이스" };
  assert.equal(isMeaningfulHit(korean, meaningfulTerms("고루틴")), true);
  assert.equal(isMeaningfulHit(korean, meaningfulTerms("데이터베이스")), true);
  assert.equal(isMeaningfulHit(korean, meaningfulTerms("뷁")), false);
});

test("a hit opens at its section with the most matches", () => {
  const hit = {
    url: "/en/goroutines/",
    content: "",
    sub_results: [
      { url: "/en/goroutines/", locations: [1] },
      { url: "/en/goroutines/#waitgroup", locations: [40, 41, 45] },
      { url: "/en/goroutines/#program-goroutines-title", locations: [60, 61, 62] },
    ],
  };
  assert.equal(hitUrl(hit), "/en/goroutines/#waitgroup");
  assert.equal(hitUrl({ url: "/en/intro/", content: "" }), "/en/intro/");
});
