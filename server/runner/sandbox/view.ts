// What a sandbox shows its program: the system's shared libraries and tools
// (read-only), a tiny /etc of our own, the Node binary, the in-sandbox helper
// scripts, and for MySQL programs the driver with its dependencies — nothing
// of the server's own files, environment or other runs.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Mount {
  source: string;
  target: string;
  writable?: boolean;
}

export interface Symlink {
  /** Where the link lives inside the sandbox. */
  path: string;
  /** What it points to. */
  to: string;
}

export interface SandboxView {
  mounts: Mount[];
  symlinks: Symlink[];
}

/** Inside paths every sandbox has. */
export const INSIDE = {
  node: "/opt/node/bin/node",
  helpers: "/sandbox",
  program: "/program",
  gate: "/gate",
  nodeModules: "/node_modules",
} as const;

const HELPERS = fileURLToPath(new URL("../inside/", import.meta.url));

// The program's own view of names: localhost is this sandbox, and nothing else resolves.
const ETC_FILES: Record<string, string> = {
  hosts: "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
  passwd: "root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin\n",
  group: "root:x:0:\nnogroup:x:65534:\n",
  "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
  "resolv.conf": "",
};

function writeEtc(stateDir: string): string {
  const dir = path.join(stateDir, "sandbox-etc");
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [name, text] of Object.entries(ETC_FILES)) writeFileSync(path.join(dir, name), text, { mode: 0o644 });
  return dir;
}

/** /bin, /lib… are symlinks into /usr on merged-/usr systems; keep them so. */
function systemDirs(): SandboxView {
  const view: SandboxView = { mounts: [{ source: "/usr", target: "/usr" }], symlinks: [] };
  for (const dir of ["/bin", "/lib", "/lib64", "/lib32", "/libx32", "/sbin"]) {
    if (!existsSync(dir)) continue;
    if (lstatSync(dir).isSymbolicLink()) view.symlinks.push({ path: dir, to: readlinkSync(dir) });
    else view.mounts.push({ source: dir, target: dir });
  }
  return view;
}

/** The package folders `name` needs at run time (itself and its dependencies, found as Node would). */
export function packageClosure(name: string, nodeModules: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (pkg: string, from: string) => {
    if (found.has(pkg)) return;
    // Node looks in the requiring package's own node_modules first, then upwards.
    const candidates = [path.join(from, "node_modules", pkg), path.join(nodeModules, pkg)];
    const dir = candidates.find((candidate) => existsSync(path.join(candidate, "package.json")));
    if (!dir) throw new Error(`${pkg} is not installed (run npm install)`);
    found.set(pkg, dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  visit(name, nodeModules);
  return found;
}

export interface ViewOptions {
  stateDir: string;
  projectRoot: string;
}

export interface Views {
  /** Every sandbox: system, /etc, Node, the helpers. */
  base: SandboxView;
  /** Mounts a MySQL program adds: the driver and what it needs, under /node_modules. */
  mysqlDriver: Mount[];
}

export function buildViews({ stateDir, projectRoot }: ViewOptions): Views {
  const system = systemDirs();
  const base: SandboxView = {
    mounts: [
      ...system.mounts,
      { source: writeEtc(stateDir), target: "/etc" },
      { source: realpathSync(process.execPath), target: INSIDE.node },
      { source: HELPERS, target: INSIDE.helpers },
    ],
    symlinks: system.symlinks,
  };
  const nodeModules = path.join(projectRoot, "node_modules");
  const mysqlDriver = [...packageClosure("mysql2", nodeModules)]
    // Nested copies (a package's own node_modules) come with their parent's folder.
    .filter(([, dir]) => path.dirname(dir) === nodeModules)
    .map(([pkg, dir]) => ({ source: dir, target: path.join(INSIDE.nodeModules, pkg) }));
  return { base, mysqlDriver };
}
