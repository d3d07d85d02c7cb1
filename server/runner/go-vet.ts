// A guard-rail for honest mistakes, not a boundary (the sandbox is): edited
// Go that reaches for process control or steps around the type system is
// turned away with a plain reason before it is built.
const REFUSED_IMPORTS = ["os/exec", "syscall", "unsafe", "plugin", "C", "runtime/cgo", "runtime/debug", "golang.org/x/sys/unix"];
const REFUSED_CALLS = /\bos\.StartProcess\b|\bgo:linkname\b/;

function importedPaths(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  const specs = [...withoutComments.matchAll(/\bimport\s*(\(([^)]*)\)|[^\n]*)/g)].map((match) => match[2] ?? match[1]);
  return specs.flatMap((spec) => [...spec.matchAll(/"([^"]+)"|`([^`]+)`/g)].map((match) => match[1] ?? match[2]));
}

/** Null when the code may be built, else why not. */
export function vetGoSource(code: string): string | null {
  for (const imported of importedPaths(code)) {
    if (REFUSED_IMPORTS.includes(imported)) return `importing "${imported}" is not allowed in edited Go programs.`;
  }
  const call = REFUSED_CALLS.exec(code);
  return call ? `${call[0]} is not allowed in edited Go programs.` : null;
}
