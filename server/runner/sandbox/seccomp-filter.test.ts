import assert from "node:assert/strict";
import { test } from "node:test";
import { seccompFilter } from "./seccomp-filter.ts";

// A tiny classic-BPF interpreter for the instructions the filter uses.
function decide(filter: Buffer, call: { nr: number; arch: number; arg0?: number }): number {
  const data = Buffer.alloc(64);
  data.writeInt32LE(call.nr, 0);
  data.writeUInt32LE(call.arch, 4);
  data.writeUInt32LE(call.arg0 ?? 0, 16);
  let a = 0;
  for (let pc = 0; pc < filter.length / 8; pc++) {
    const code = filter.readUInt16LE(pc * 8);
    const jt = filter.readUInt8(pc * 8 + 2);
    const jf = filter.readUInt8(pc * 8 + 3);
    const k = filter.readUInt32LE(pc * 8 + 4);
    if (code === 0x20) a = data.readUInt32LE(k);
    else if (code === 0x06) return k;
    else if (code === 0x15) pc += a === k ? jt : jf;
    else if (code === 0x35) pc += a >= k ? jt : jf;
    else if (code === 0x45) pc += (a & k) !== 0 ? jt : jf;
    else throw new Error(`unexpected instruction ${code}`);
  }
  throw new Error("fell off the end");
}

const X64 = 0xc000003e;
const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;

test("x86_64: everyday calls pass, escapes are refused", () => {
  const filter = seccompFilter("x64")!;
  for (const nr of [0, 1, 2, 9, 41, 42, 59, 60, 231]) assert.equal(decide(filter, { nr, arch: X64 }), ALLOW, `syscall ${nr}`);
  for (const nr of [101, 165, 272, 308, 321, 425]) assert.equal(decide(filter, { nr, arch: X64 }), EPERM, `syscall ${nr}`);
});

test("clone may start threads and processes but not namespaces; clone3 falls back to clone", () => {
  const filter = seccompFilter("x64")!;
  const threadFlags = 0x003d0f00;
  assert.equal(decide(filter, { nr: 56, arch: X64, arg0: threadFlags }), ALLOW);
  assert.equal(decide(filter, { nr: 56, arch: X64, arg0: 0x11 }), ALLOW, "fork-like clone");
  assert.equal(decide(filter, { nr: 56, arch: X64, arg0: 0x10000000 }), EPERM, "CLONE_NEWUSER");
  assert.equal(decide(filter, { nr: 56, arch: X64, arg0: 0x40000000 | 0x11 }), EPERM, "CLONE_NEWNET");
  assert.equal(decide(filter, { nr: 435, arch: X64 }), 0x00050026, "clone3 says ENOSYS");
});

test("another architecture's calls and the x32 ABI are refused", () => {
  const filter = seccompFilter("x64")!;
  assert.equal(decide(filter, { nr: 1, arch: 0x40000003 }), 0x80000000, "i386 int 0x80 is killed");
  assert.equal(decide(filter, { nr: 0x40000000 + 1, arch: X64 }), EPERM);
});

test("arm64 has its own numbers; unknown architectures get no filter", () => {
  const filter = seccompFilter("arm64")!;
  assert.equal(decide(filter, { nr: 117, arch: 0xc00000b7 }), EPERM, "ptrace");
  assert.equal(decide(filter, { nr: 63, arch: 0xc00000b7 }), ALLOW, "read");
  assert.equal(seccompFilter("mips"), null);
});
