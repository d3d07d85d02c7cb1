// The "real servers" part of a cluster program's fault panel: stops and
// starts a node's server process for real, for every reader. Shown only
// where /api/health says the site allows it (a tutorial on the reader's own
// machine); loaded only on pages with a fault panel.
import type { ClusterNodeHealth, NodeControlResponse } from "../../server/contract.ts";
import { say } from "./ui-strings.ts";

export async function attachNodeControl(section: HTMLElement, locale: string): Promise<void> {
  const box = section.querySelector<HTMLElement>("[data-node-control]");
  if (!box) return;
  let cluster: { nodeControl?: boolean; nodes: ClusterNodeHealth[] } | undefined;
  try {
    const response = await fetch("/api/health", { headers: { accept: "application/json" } });
    cluster = (await response.json()).cluster;
  } catch {
    return;
  }
  if (!cluster?.nodeControl) return;
  const status = box.querySelector<HTMLElement>("[data-node-status]")!;
  const buttons = [...box.querySelectorAll<HTMLButtonElement>("button[data-node-toggle]")];
  const show = (nodes: ClusterNodeHealth[]) => {
    for (const button of buttons) {
      const node = button.dataset.nodeToggle!;
      const up = nodes.find((each) => each.name === node)?.ok ?? false;
      button.dataset.up = String(up);
      button.textContent = say(up ? "program.nodes.stop" : "program.nodes.start", { node });
      const state = box.querySelector<HTMLElement>(`[data-node-state="${CSS.escape(node)}"]`);
      if (state) state.textContent = say(up ? "program.nodes.up" : "program.nodes.down");
    }
  };
  show(cluster.nodes);
  box.hidden = false;
  box.addEventListener("click", async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-node-toggle]");
    if (!button || button.disabled) return;
    const node = button.dataset.nodeToggle!;
    const action = button.dataset.up === "true" ? "stop" : "start";
    button.disabled = true;
    status.textContent = say(action === "stop" ? "program.nodes.stopping" : "program.nodes.starting", { node });
    try {
      const response = await fetch(`/api/cluster/nodes/${encodeURIComponent(node)}/${action}`, {
        method: "POST",
        headers: { accept: "application/json", "accept-language": locale },
      });
      const body = await response.json();
      if (!response.ok) {
        status.textContent = body?.error?.message ?? response.statusText;
        return;
      }
      const result = body as NodeControlResponse;
      show(result.cluster.nodes);
      status.textContent = say(result.ok ? "program.nodes.nowUp" : "program.nodes.nowDown", { node });
    } catch {
      status.textContent = say("program.nodes.failed");
    } finally {
      button.disabled = false;
    }
  });
}
