// gVisor (runsc), the Go Playground's sandbox: the program runs on a kernel
// of its own written in Go, so a run never talks to the host's kernel
// directly. Each run is one OCI container with a read-only root, the view's
// read-only binds, a private /tmp, no network but loopback, and Unix sockets
// to the host only in its own gate folder (--host-uds=open).
import { execFile, spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { type CgroupLimits, inCgroup } from "./cgroups.ts";
import { gvisorMemoryReader, treeResidentBytes } from "./memory-use.ts";
import { SANDBOX_UID, type Sandbox, type SandboxChild, type SandboxSpec } from "./sandbox.ts";
import type { Mount, SandboxView } from "./view.ts";

export interface GvisorOptions {
  runsc: string;
  /** setpriv, to tie runsc's life to the server's (--pdeathsig): a killed server leaves no sandbox behind. */
  setpriv: string | null;
  rootless: boolean;
  cgroups: CgroupLimits | null;
  view: SandboxView;
}

// The sentry and its ptrace stubs are host threads too: an idle sandbox with Node has ~60.
const HOST_THREADS_PER_SANDBOX = 256;
// gVisor's own kernel, file proxy and runsc live in the run's cgroup too (~90 MB together).
// The program's limit is watched in gVisor's memory file; the cgroup is the backstop.
const GVISOR_OVERHEAD_BYTES = 192 * 1024 * 1024;

const bind = (mount: Mount) => ({
  destination: mount.target,
  type: "bind",
  source: mount.source,
  options: ["rbind", mount.writable ? "rw" : "ro", "nosuid", "nodev"],
});

export function ociConfig(spec: SandboxSpec, view: SandboxView) {
  return {
    ociVersion: "1.0.0",
    process: {
      user: spec.trusted ? { uid: 0, gid: 0 } : { uid: SANDBOX_UID, gid: SANDBOX_UID },
      args: spec.argv,
      env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
      cwd: spec.cwd,
      capabilities: { bounding: [], effective: [], inheritable: [], permitted: [], ambient: [] },
      rlimits: [
        { type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 },
        { type: "RLIMIT_NPROC", hard: spec.limits.maxProcesses, soft: spec.limits.maxProcesses },
      ],
      noNewPrivileges: true,
      terminal: false,
    },
    root: { path: "rootfs", readonly: true },
    hostname: "sandbox",
    mounts: [
      { destination: "/proc", type: "proc", source: "proc" },
      { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "mode=755"] },
      { destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", `size=${spec.limits.tmpBytes}`, "mode=1777"] },
      ...[...view.mounts, ...spec.mounts].map(bind),
    ],
    linux: {
      namespaces: [{ type: "pid" }, { type: "network" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }],
    },
  };
}

export function gvisorSandbox(options: GvisorOptions): Sandbox {
  const { cgroups } = options;
  return {
    kind: "gvisor",
    isolates: true,
    limits: cgroups
      ? [`cgroup ${cgroups.kind} memory and process caps`, cgroups.cpu ? "CPU shared by weight between runs" : "no CPU weights"]
      : ["memory watched by polling the sandbox's memory file", "process cap inside gVisor (RLIMIT_NPROC)", "no CPU weights (no cgroups)"],
    spawn(spec) {
      const bundle = path.join(spec.dir, "bundle");
      const rootfs = path.join(bundle, "rootfs");
      mkdirSync(rootfs, { recursive: true });
      // The read-only root holds only the symlinks of a merged /usr (/bin -> usr/bin).
      for (const link of options.view.symlinks) symlinkSync(link.to, path.join(rootfs, link.path));
      writeFileSync(path.join(bundle, "config.json"), JSON.stringify(ociConfig(spec, options.view)));
      const cgroup =
        cgroups?.create(spec.name, {
          memoryBytes: spec.limits.memoryBytes + GVISOR_OVERHEAD_BYTES,
          maxProcesses: HOST_THREADS_PER_SANDBOX + 2 * spec.limits.maxProcesses,
        }) ?? null;
      const flags = ["--root", path.join(spec.dir, "runsc"), "--network=none", "--host-uds=open", "--ignore-cgroups"];
      if (options.rootless) flags.push("--rootless");
      const lifeline = options.setpriv ? [options.setpriv, "--pdeathsig", "SIGKILL", "--"] : [];
      const [command, ...args] = inCgroup(cgroup, [...lifeline, options.runsc, ...flags, "run", "--bundle", bundle, spec.name]);
      // detached: runsc leads a process group; the sandbox it boots is attached and dies with it.
      const child: SandboxChild = spawn(command, args, {
        cwd: spec.dir,
        env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
      });
      const spawned = new Promise<void>((resolve) => {
        child.once("spawn", resolve);
        child.once("error", () => resolve());
      });
      let readMemory: (() => number) | null = null;
      return {
        child,
        spawned,
        memoryBytes() {
          if (child.pid === undefined) return null;
          readMemory ??= gvisorMemoryReader(child.pid);
          if (readMemory) return readMemory();
          return cgroup ? null : treeResidentBytes(child.pid);
        },
        oomKilled: () => cgroup?.oomKilled() ?? false,
        terminate() {
          // `runsc run` does not pass signals on; `runsc kill` signals the program inside.
          execFile(options.runsc, [...flags, "kill", spec.name, "SIGTERM"], { timeout: 5000 }, () => {});
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
