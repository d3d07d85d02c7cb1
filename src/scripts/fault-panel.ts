// The fault panel beside a cluster program: one choice per node (healthy,
// down, cut off, slow), read when the reader presses Run and sent with that
// run only. The server checks them again; nothing here is trusted.
import { FAULT_KINDS, type Fault } from "../../server/contract.ts";

/** The slow fault the panel offers, per packet each way (the lesson's figure). */
export const PANEL_SLOW_MS = 600;

/** A choice's value ("healthy" or a fault kind) for one node, as a fault or nothing. */
export function faultOf(node: string, choice: string): Fault | null {
  if (!(FAULT_KINDS as readonly string[]).includes(choice)) return null;
  return choice === "slow" ? { node, kind: "slow", ms: PANEL_SLOW_MS } : { node, kind: choice as Fault["kind"] };
}

/** The faults chosen in a program's panel; none when it has no panel. */
export function chosenFaults(section: HTMLElement): Fault[] {
  return [...section.querySelectorAll<HTMLSelectElement>("select[data-fault-node]")]
    .map((select) => faultOf(select.dataset.faultNode!, select.value))
    .filter((fault): fault is Fault => fault !== null);
}
