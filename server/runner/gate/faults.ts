// Per-run faults of cluster nodes, as a run request names them: checked here
// (pure, so the route and the tests share it), applied by the run's own gate.
import { FAULT_KINDS, type Fault, type FaultKind } from "../../contract.ts";

export type { Fault, FaultKind };

export const DEFAULT_SLOW_MS = 500;
export const MAX_SLOW_MS = 5000;
/** More faults than nodes is a mistake, not a scenario. */
const MAX_FAULTS = 16;

/** Why a request's faults were refused, in both languages (the route picks the reader's). */
export type FaultProblem = { en: string; ko: string };

export type ParsedFaults = { faults: Fault[] } | { problem: FaultProblem };

/**
 * Checks `value` (the request's `faults`) against the cluster's node names.
 * Absent or empty: no faults. One fault per node; a later one for the same node replaces nothing, it is refused.
 */
export function parseFaults(value: unknown, nodeNames: readonly string[]): ParsedFaults {
  if (value === undefined || value === null) return { faults: [] };
  if (!Array.isArray(value) || value.length > MAX_FAULTS) {
    return problem(
      `"faults" must be a list of at most ${MAX_FAULTS} faults like {"node": "shard-2", "kind": "down"}`,
      `"faults"는 {"node": "shard-2", "kind": "down"} 같은 장애를 최대 ${MAX_FAULTS}개 담은 목록이어야 합니다`,
    );
  }
  const names = nodeNames.length > 0 ? nodeNames.join(", ") : "—";
  const faults: Fault[] = [];
  for (const [index, item] of value.entries()) {
    const at = `faults[${index}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return problem(`${at} must be an object with "node" and "kind"`, `${at}는 "node"와 "kind"가 있는 객체여야 합니다`);
    }
    const { node, kind, ms, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return problem(`${at} has an unknown field "${extra}"`, `${at}에 알 수 없는 필드 "${extra}"가 있습니다`);
    if (typeof node !== "string" || !nodeNames.includes(node)) {
      return problem(
        `${at}: there is no cluster node called ${JSON.stringify(node ?? null)} (nodes: ${names})`,
        `${at}: ${JSON.stringify(node ?? null)}라는 클러스터 노드가 없습니다(노드: ${names})`,
      );
    }
    if (typeof kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(kind)) {
      return problem(
        `${at}: the kind ${JSON.stringify(kind ?? null)} is not one of ${FAULT_KINDS.join(", ")}`,
        `${at}: 장애 종류 ${JSON.stringify(kind ?? null)}는 ${FAULT_KINDS.join(", ")} 가운데 하나가 아닙니다`,
      );
    }
    if (ms !== undefined && (kind !== "slow" || !Number.isInteger(ms) || (ms as number) < 1 || (ms as number) > MAX_SLOW_MS)) {
      return problem(
        `${at}: "ms" belongs to "slow" faults only, a whole number from 1 to ${MAX_SLOW_MS}`,
        `${at}: "ms"는 "slow" 장애에만 쓰며, 1부터 ${MAX_SLOW_MS} 사이의 정수여야 합니다`,
      );
    }
    if (faults.some((fault) => fault.node === node)) {
      return problem(`${at}: ${node} has a fault already (one per node)`, `${at}: ${node}에는 이미 장애가 있습니다(노드마다 하나)`);
    }
    faults.push(kind === "slow" ? { node, kind, ms: (ms as number | undefined) ?? DEFAULT_SLOW_MS } : { node, kind: kind as FaultKind });
  }
  return { faults };
}

function problem(en: string, ko: string): ParsedFaults {
  return { problem: { en, ko } };
}
