// bubblewrap: Linux namespaces around the run (its own mounts, processes,
// network with loopback only, IPC and host name), the view's read-only
// binds, a private size-capped /tmp, no capabilities, and a system-call
// filter. As root every run also gets a host uid of its own; unprivileged,
// runs share the server's uid and are kept apart by their user and process
// namespaces (no run can see or name another's processes).
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { type CgroupLimits, inCgroup } from "./cgroups.ts";
import { processTree, treeResidentBytes } from "./memory-use.ts";
import { SANDBOX_UID, type Sandbox, type SandboxChild, type SandboxSpec } from "./sandbox.ts";
import { seccompFilter } from "./seccomp-filter.ts";
import type { SandboxView } from "./view.ts";

export interface BubblewrapOptions {
  bwrap: string;
  setpriv: string | null;
  cgroups: CgroupLimits | null;
  view: SandboxView;
  stateDir: string;
}

/** Host uids for runs of a root server: far above any real account, one per live sandbox. */
export function createUidPool(first = 3_000_000, size = 60_000) {
  const used = new Set<number>();
  let next = 0;
  return {
    take(): number {
      for (let tries = 0; tries < size; tries++) {
        const uid = first + (next++ % size);
        if (!used.has(uid)) {
          used.add(uid);
          return uid;
        }
      }
      throw new Error("no free sandbox uid");
    },
    release(uid: number) {
      used.delete(uid);
    },
  };
}

function signalInside(bwrapPid: number, signal: NodeJS.Signals): void {
  for (const pid of processTree(bwrapPid)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "bwrap") process.kill(pid, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}

/** "/opt/node/bin/node" → ["/opt", "/opt/node", "/opt/node/bin"]. */
function ancestors(target: string): string[] {
  const parts = target.split("/").filter(Boolean).slice(0, -1);
  return parts.map((_, index) => `/${parts.slice(0, index + 1).join("/")}`);
}

export function bubblewrapArgs(spec: SandboxSpec, view: SandboxView, runAs: { uid: number; setpriv: string } | null, seccomp: boolean) {
  const args = ["--die-with-parent", "--new-session", "--cap-drop", "ALL"];
  if (runAs) {
    // Root: no user namespace (the uid switch below needs a real one), two capabilities only to make it.
    args.push("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try");
    args.push("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID");
  } else {
    args.push("--unshare-all", "--unshare-user", "--disable-userns", "--uid", String(SANDBOX_UID), "--gid", String(SANDBOX_UID));
  }
  args.push("--hostname", "sandbox");
  const mounts = [...view.mounts, ...spec.mounts];
  // Folders bubblewrap would make on the way to a mount point are 0700: a run's own uid could not pass them.
  const parents = new Set(mounts.flatMap((mount) => ancestors(mount.target)));
  for (const dir of parents) args.push("--dir", dir);
  for (const mount of mounts) args.push(mount.writable ? "--bind" : "--ro-bind", mount.source, mount.target);
  for (const link of view.symlinks) args.push("--symlink", link.to, link.path);
  args.push(
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--perms",
    "1777",
    "--size",
    String(spec.limits.tmpBytes),
    "--tmpfs",
    "/tmp",
    "--chdir",
    spec.cwd,
  );
  if (seccomp) args.push("--seccomp", "3");
  args.push("--");
  if (runAs) args.push(runAs.setpriv, `--reuid=${runAs.uid}`, `--regid=${runAs.uid}`, "--clear-groups", "--no-new-privs", "--");
  return [...args, ...spec.argv];
}

export function bubblewrapSandbox(options: BubblewrapOptions): Sandbox {
  const { cgroups } = options;
  const asRoot = process.getuid?.() === 0 && options.setpriv !== null;
  const uids = createUidPool();
  const filter = seccompFilter();
  const filterFile = filter ? path.join(options.stateDir, "seccomp.bpf") : null;
  if (filter && filterFile) writeFileSync(filterFile, filter, { mode: 0o600 });
  return {
    kind: "bubblewrap",
    isolates: true,
    limits: [
      cgroups ? `cgroup ${cgroups.kind} memory and process caps` : "memory watched by polling, no process cap (no cgroups)",
      cgroups?.cpu ? "CPU shared by weight between runs" : "no CPU weights",
      asRoot ? "a host uid per run" : "user and process namespaces per run (one host uid)",
      filter ? "system-call filter" : `no system-call filter on ${process.arch}`,
    ],
    spawn(spec) {
      const uid = asRoot && !spec.trusted ? uids.take() : null;
      const runAs = uid !== null && options.setpriv ? { uid, setpriv: options.setpriv } : null;
      const cgroup = cgroups?.create(spec.name, { memoryBytes: spec.limits.memoryBytes, maxProcesses: spec.limits.maxProcesses }) ?? null;
      const [command, ...args] = inCgroup(cgroup, [options.bwrap, ...bubblewrapArgs(spec, options.view, runAs, filterFile !== null)]);
      // Each spawn reads the filter from the start of its own descriptor.
      const filterFd = filterFile ? openSync(filterFile, "r") : null;
      const child: SandboxChild = spawn(command, args, {
        cwd: spec.dir,
        env: spec.env,
        detached: true,
        stdio: filterFd === null ? ["pipe", "pipe", "pipe"] : ["pipe", "pipe", "pipe", filterFd],
      }) as SandboxChild;
      if (filterFd !== null) closeSync(filterFd);
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
          // bubblewrap does not pass signals on, and killing it kills the sandbox at once: signal what runs inside.
          if (child.pid !== undefined) signalInside(child.pid, "SIGTERM");
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
          if (uid !== null) uids.release(uid);
          // Off the event loop: a sandbox folder has many small files.
          await rm(spec.dir, { recursive: true, force: true });
        },
      };
    },
  };
}
