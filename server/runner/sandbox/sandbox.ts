// One sandbox per run, never shared: the common shape of the three kinds
// (gVisor, bubblewrap, a plain process where neither exists). A launcher
// says what to run and what the program may see; the sandbox kind decides how.
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import type { SandboxKind } from "../../contract.ts";
import type { Mount } from "./view.ts";

export interface SandboxLimits {
  memoryBytes: number;
  /** Processes and threads the program may have at once. */
  maxProcesses: number;
  /** Size of the private /tmp. */
  tmpBytes: number;
}

export interface SandboxSpec {
  /** Unique name (a container id for gVisor). */
  name: string;
  /** A host folder that belongs to this sandbox alone; removed with it. */
  dir: string;
  /** The command inside the sandbox. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Mounts besides the base view (the program's folder, the gate's sockets, the MySQL driver). */
  mounts: Mount[];
  limits: SandboxLimits;
  /**
   * Trusted work only (building the shipped programs into the shared build
   * cache): run as the owner of the host files it writes, not as a run's own user.
   */
  trusted?: boolean;
}

export type SandboxChild = ChildProcessByStdio<Writable, Readable, Readable>;

export interface SandboxedProcess {
  child: SandboxChild;
  /** Resolves once the process exists (or failed to start). */
  spawned: Promise<void>;
  /** Memory the run uses now, for limits the kernel does not enforce itself; null where a cgroup does. */
  memoryBytes(): number | null;
  /** True when the run was stopped for memory by the kernel or the sandbox. */
  oomKilled(): boolean;
  /** Asks the program to stop (SIGTERM to the program itself, not to the sandbox around it). */
  terminate(): void;
  /** SIGKILL every process of the sandbox. */
  killAll(): void;
  /** After the end: removes the sandbox's cgroup, state and folder. */
  dispose(): Promise<void>;
}

export interface Sandbox {
  kind: SandboxKind;
  /** Whether the sandbox keeps edited code from the server's files, network and other runs. */
  isolates: boolean;
  /** The limits in force, in words for the log and /api/health. */
  limits: string[];
  spawn(spec: SandboxSpec): SandboxedProcess;
}

export const SANDBOX_UID = 65534;
