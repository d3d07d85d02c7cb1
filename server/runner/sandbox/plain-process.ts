// Where neither gVisor nor bubblewrap works: the run is a plain child
// process of the server's own user. It gets the limits this machine allows
// (cgroups where the server may create them), but it sees the server's files
// and network, so edited code stays off here unless ALLOW_EDITS=true says so.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { type CgroupLimits, inCgroup } from "./cgroups.ts";
import { treeResidentBytes } from "./memory-use.ts";
import type { Sandbox, SandboxChild, SandboxSpec } from "./sandbox.ts";
import type { Mount, SandboxView } from "./view.ts";

export interface PlainProcessOptions {
  setpriv: string | null;
  cgroups: CgroupLimits | null;
  view: SandboxView;
}

/** Turns a path as the sandbox would show it into the host path it comes from. */
export function hostPath(inside: string, mounts: Mount[]): string {
  const sorted = [...mounts].sort((a, b) => b.target.length - a.target.length);
  for (const mount of sorted) {
    if (inside === mount.target) return mount.source;
    if (inside.startsWith(`${mount.target}/`)) return mount.source + inside.slice(mount.target.length);
  }
  // A folder that only holds mounts (/node_modules holds /node_modules/mysql2): the folder they come from.
  const below = sorted.find((mount) => path.dirname(mount.target) === inside);
  return below ? path.dirname(below.source) : inside;
}

export function plainProcessSandbox(options: PlainProcessOptions): Sandbox {
  const { cgroups } = options;
  return {
    kind: "process",
    isolates: false,
    limits: [
      cgroups ? `cgroup ${cgroups.kind} memory and process caps` : "memory watched by polling, no process cap (no cgroups)",
      "programs run as the server's own user",
      "no file, network or process isolation",
    ],
    spawn(spec: SandboxSpec) {
      const mounts = [...options.view.mounts, ...spec.mounts];
      const argv = spec.argv.map((arg) => (arg.startsWith("/") ? hostPath(arg, mounts) : arg));
      const cgroup = cgroups?.create(spec.name, { memoryBytes: spec.limits.memoryBytes, maxProcesses: spec.limits.maxProcesses }) ?? null;
      // A killed server leaves no run behind.
      const lifeline = options.setpriv ? [options.setpriv, "--pdeathsig", "SIGKILL", "--"] : [];
      const [command, ...args] = inCgroup(cgroup, [...lifeline, ...argv]);
      const child: SandboxChild = spawn(command, args, {
        cwd: hostPath(spec.cwd, mounts),
        env: spec.env,
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
      });
      const spawned = new Promise<void>((resolve) => {
        child.once("spawn", resolve);
        child.once("error", () => resolve());
      });
      return {
        child,
        spawned,
        memoryBytes: () => (cgroup || child.pid === undefined ? null : treeResidentBytes(child.pid)),
        oomKilled: () => cgroup?.oomKilled() ?? false,
        terminate() {
          if (child.pid === undefined) return;
          try {
            process.kill(-child.pid, "SIGTERM");
          } catch {
            // Already gone.
          }
        },
        killAll() {
          if (child.pid !== undefined) {
            try {
              process.kill(-child.pid, "SIGKILL");
            } catch {
              // Already gone.
            }
          }
          cgroup?.killAll();
        },
        async dispose() {
          await cgroup?.remove();
          // Off the event loop: a sandbox folder has many small files.
          await rm(spec.dir, { recursive: true, force: true });
        },
      };
    },
  };
}
