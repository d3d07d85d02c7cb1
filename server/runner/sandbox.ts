// What this machine lets us use to contain a run, found once at start-up:
// control groups (hard memory and process caps), and, when the server runs
// as root, an unprivileged user for the program (via setpriv).
import { existsSync, readFileSync } from "node:fs";
import { type CgroupLimits, detectCgroups, JOIN_AND_EXEC, type RunCgroup } from "./cgroups.ts";
import type { NetworkBridge } from "./network-bridge.ts";

/** A run in its own network namespace: only the bridge's doorways, plus the demo client's way in. */
export interface IsolatedNetwork {
  bridge: NetworkBridge;
  demo: { port: number; socket: string } | null;
}

export interface Sandbox {
  cgroups: CgroupLimits | null;
  /** The unprivileged account programs run as, when we are root. */
  runAs: { uid: number; gid: number; name: string } | null;
  describe(): string;
  /** Wraps a command so it joins its cgroup, enters its own network (when asked) and drops privileges before exec. */
  wrap(command: string, args: string[], cgroup: RunCgroup | null, network?: IsolatedNetwork | null): { command: string; args: string[] };
}

const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((file) => existsSync(file)) ?? null;

function unprivilegedAccount(): Sandbox["runAs"] {
  if (process.platform !== "linux" || process.getuid?.() !== 0 || !SETPRIV) return null;
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [name, , uid, gid] = line.split(":");
      if (name === "nobody") return { name, uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No passwd file: keep the current user.
  }
  return null;
}

export function detectSandbox(): Sandbox {
  const cgroups = detectCgroups();
  const runAs = unprivilegedAccount();
  return {
    cgroups,
    runAs,
    describe() {
      const parts = [
        cgroups ? `cgroup ${cgroups.kind} memory and process caps` : "no cgroups (memory watched by RSS polling)",
        runAs ? `programs run as ${runAs.name}` : "programs run as the server's user",
      ];
      return parts.join(", ");
    },
    wrap(command, args, cgroup, network) {
      const drop =
        runAs && SETPRIV ? [SETPRIV, `--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, "--clear-groups", "--no-new-privs", "--"] : [];
      // Order matters: the cgroup, the namespace and the gate need root; the program must not have it.
      const program = [...drop, command, ...args];
      const chain = network ? [...network.bridge.enter, ...network.bridge.gate(program[0], program.slice(1), network.demo)] : program;
      if (!cgroup) return { command: chain[0], args: chain.slice(1) };
      return { command: "/bin/sh", args: ["-c", JOIN_AND_EXEC, "join-cgroup", ...cgroup.procsFiles, "--", ...chain] };
    },
  };
}
