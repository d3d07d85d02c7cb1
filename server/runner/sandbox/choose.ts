// Chooses, once at start-up, how each kind of run is contained here. Each
// candidate is tried for real — a Node started inside it must answer —
// because an installed runsc or bwrap may still be refused by the machine (a
// container without user namespaces). Without either, runs are plain
// processes, and edited code stays off unless ALLOW_EDITS=true.
//
// gVisor is the stronger boundary (a kernel of its own), but it pays for
// every system call, thread switch and connection (ptrace platform, measured
// here; README "Sandboxes"): a TypeScript program's first line comes ~4×
// later than in bubblewrap, a MySQL program's ~5×, a Go program's ~6×, and
// Go's second core barely helps (the parallel prime sum: 1.2× faster instead
// of 1.5×, which the parallelism lesson is about). So, by default, plain
// TypeScript programs run in gVisor, and the kinds where its cost is out of
// proportion — MySQL programs, worker threads, Go programs, Go builds — in
// bubblewrap. RUN_SANDBOX puts every kind in one sandbox instead.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { SandboxKind } from "../../contract.ts";
import { bubblewrapSandbox } from "./bubblewrap.ts";
import type { CgroupLimits } from "./cgroups.ts";
import { gvisorSandbox } from "./gvisor.ts";
import { plainProcessSandbox } from "./plain-process.ts";
import type { Sandbox } from "./sandbox.ts";
import { INSIDE, type SandboxView } from "./view.ts";

export type SandboxPreference = "auto" | SandboxKind;

/** The kinds of run that may be contained differently. */
export const RUN_KINDS = ["typescript", "typescript-mysql", "worker-threads", "go", "go-build"] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface SandboxChoice {
  /** The sandbox of each kind of run. */
  kinds: Record<RunKind, Sandbox>;
  /** What did not work here, and why, for the log. */
  notes: string[];
}

/** The kinds that gVisor's cost rules out where bubblewrap works too. */
const BUBBLEWRAP_FIRST: readonly RunKind[] = ["typescript-mysql", "worker-threads", "go", "go-build"];

const SEARCH = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin"];

export function findTool(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...SEARCH];
  return dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file)) ?? null;
}

/** Starts Node inside the sandbox and waits for it to answer. */
export async function probe(sandbox: Sandbox, stateDir: string, name: string): Promise<string | null> {
  const dir = path.join(stateDir, "s", name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const run = sandbox.spawn({
    name,
    dir,
    argv: [INSIDE.node, "-e", "process.stdout.write('ready')"],
    env: { PATH: "/usr/bin:/bin" },
    cwd: "/tmp",
    mounts: [],
    limits: { memoryBytes: 512 * 1024 * 1024, maxProcesses: 64, tmpBytes: 1024 * 1024 },
  });
  let stdout = "";
  let stderr = "";
  run.child.stdout.on("data", (chunk) => (stdout += chunk));
  run.child.stderr.on("data", (chunk) => (stderr += chunk));
  run.child.stdin.end();
  const timer = setTimeout(() => run.killAll(), 20_000);
  const failure = await new Promise<string | null>((resolve) => {
    run.child.once("error", (error) => resolve(error.message));
    run.child.once("close", (code, signal) =>
      resolve(stdout === "ready" ? null : `exit ${code ?? signal}: ${(stderr || stdout).trim().split("\n").slice(-3).join(" / ")}`),
    );
  });
  clearTimeout(timer);
  await run.dispose();
  return failure;
}

export interface ChooseOptions {
  preference: SandboxPreference;
  stateDir: string;
  view: SandboxView;
  cgroups: CgroupLimits | null;
}

export async function chooseSandbox({ preference, stateDir, view, cgroups }: ChooseOptions): Promise<SandboxChoice> {
  const notes: string[] = [];
  const rootless = process.getuid?.() !== 0;
  const runsc = findTool("runsc");
  const bwrap = findTool("bwrap");
  const setpriv = findTool("setpriv");
  const candidates: Array<{ kind: SandboxKind; make: () => Sandbox | null }> = [
    { kind: "gvisor", make: () => (runsc ? gvisorSandbox({ runsc, setpriv, rootless, cgroups, view }) : null) },
    { kind: "bubblewrap", make: () => (bwrap ? bubblewrapSandbox({ bwrap, setpriv, cgroups, view, stateDir }) : null) },
  ];
  const working = new Map<SandboxKind, Sandbox>();
  // Tried side by side: each probe starts a real sandbox.
  await Promise.all(
    candidates.map(async (candidate) => {
      if (preference === "process") return;
      const sandbox = candidate.make();
      if (!sandbox) {
        notes.push(`${candidate.kind}: not installed (Debian: apt-get install ${candidate.kind === "gvisor" ? "runsc" : "bubblewrap"})`);
        return;
      }
      const failure = await probe(sandbox, stateDir, `probe-${candidate.kind}`);
      if (failure) notes.push(`${candidate.kind}: installed but did not start a program here (${failure})`);
      else working.set(candidate.kind, sandbox);
    }),
  );
  const plain = plainProcessSandbox({ setpriv, cgroups, view });
  const gvisor = working.get("gvisor");
  const bubblewrap = working.get("bubblewrap");
  if (preference !== "auto" && preference !== "process" && !working.has(preference)) {
    notes.push(`RUN_SANDBOX=${preference} is not available here; using ${gvisor ? "gvisor" : bubblewrap ? "bubblewrap" : "process"}`);
  }
  const only = preference === "process" ? plain : preference !== "auto" ? working.get(preference) : undefined;
  const pick = (kind: RunKind): Sandbox =>
    only ?? (BUBBLEWRAP_FIRST.includes(kind) ? (bubblewrap ?? gvisor ?? plain) : (gvisor ?? bubblewrap ?? plain));
  const kinds = Object.fromEntries(RUN_KINDS.map((kind) => [kind, pick(kind)])) as Record<RunKind, Sandbox>;
  return { kinds, notes };
}
