// Shared by the hostile suites: small limits, so attacks hit them fast, and
// a helper that writes a Go program from its imports and body.

export const HOSTILE_LIMITS = { RUN_TIMEOUT_MS: "4000", RUN_MEMORY_MB: "128", RUN_OUTPUT_LIMIT: "65536", RUN_RATE_PER_MINUTE: "0" };

export function goProgram(imports: string[], body: string, extra = ""): string {
  const block = imports.length === 0 ? "" : `import (\n${imports.map((line) => `\t${line}`).join("\n")}\n)\n\n`;
  return `package main\n\n${block}${extra}func main() {\n${body}\n}\n`;
}
