// Blanks out a TypeScript program's types once, in the server (the same
// strip-only transform Node applies to main.ts), so a run's process never
// loads the type stripper. Shipped programs are stripped once and kept.
import { createHash } from "node:crypto";
import module from "node:module";

const cache = new Map<string, string | null>();

/** The program as JavaScript with identical positions, or null when Node should report the problem itself. */
export function stripTypes(code: string): string | null {
  const key = createHash("sha256").update(code).digest("hex");
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let stripped: string | null;
  const emitWarning = process.emitWarning;
  try {
    // Node marks this API experimental; the warning is noise in the server log.
    process.emitWarning = () => {};
    stripped = module.stripTypeScriptTypes(code, { mode: "strip" });
  } catch {
    // Unsupported syntax (an enum, say): the run's own Node prints its usual error.
    stripped = null;
  } finally {
    process.emitWarning = emitWarning;
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, stripped);
  return stripped;
}
