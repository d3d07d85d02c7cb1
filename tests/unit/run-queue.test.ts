import assert from "node:assert/strict";
import { test } from "node:test";
import { createRunQueue } from "../../server/runner/run-queue.ts";

test("runs up to the concurrency at once and queues the rest in order", async () => {
  const queue = createRunQueue(2, 2);
  const tickets = [queue.enter()!, queue.enter()!, queue.enter()!, queue.enter()!];
  assert.equal(queue.running, 2);
  assert.equal(queue.waiting, 2);
  assert.equal(queue.enter(), null, "a full line refuses");
  const order: number[] = [];
  for (const [index, ticket] of tickets.entries()) void ticket.ready.then(() => order.push(index));
  await Promise.resolve();
  assert.deepEqual(order, [0, 1]);
  tickets[0].release();
  await Promise.resolve();
  assert.deepEqual(order, [0, 1, 2]);
  tickets[0].release();
  assert.equal(queue.running, 2, "releasing twice frees one place only");
});

test("a ticket released while waiting leaves the line without running", async () => {
  const queue = createRunQueue(1, 5);
  const first = queue.enter()!;
  const second = queue.enter()!;
  const third = queue.enter()!;
  second.release();
  assert.equal(queue.waiting, 1);
  first.release();
  await third.ready;
  assert.equal(queue.running, 1);
  third.release();
  assert.equal(queue.running, 0);
  assert.equal(queue.waiting, 0);
});
