// The last line of a run, as a UI string key and its values: how the program
// ended (by itself, with a status, killed and why).
import type { ExitInfo } from "../../server/contract.ts";

export interface ExitMessage {
  key: string;
  params: Record<string, string | number>;
  /** The run went as a program should (a server stopped after its demo counts). */
  ok: boolean;
}

export function exitMessage(event: ExitInfo): ExitMessage {
  const ok = event.reason === "server-stopped" || (event.code === 0 && !event.reason);
  if (event.reason === "timeout") return { key: "program.killed.timeout", params: { seconds: Math.round(event.ms / 1000) }, ok };
  if (event.reason) return { key: `program.killed.${event.reason}`, params: {}, ok };
  if (event.code === 0) return { key: "program.exited", params: {}, ok };
  if (event.code !== null) return { key: "program.exitedStatus", params: { code: event.code }, ok };
  return { key: "program.exitedSignal", params: { signal: event.signal ?? "" }, ok };
}
