// POST /api/cluster/nodes/<name>/stop and /start: a real crash and restart
// of one of the private cluster's servers, for a reader on their own
// machine. Off by default on a public address (CLUSTER_NODE_CONTROL): a
// stopped node is stopped for every reader, not only for one run (that is
// what per-run faults are for).
import { Hono } from "hono";
import type { NodeControlResponse } from "../../contract.ts";
import { NodeControlError } from "../../database/cluster/cluster.ts";
import type { ApiDeps } from "../deps.ts";
import { ApiError, jsonResponse } from "../errors.ts";

export type ClusterDeps = Pick<ApiDeps, "config" | "cluster">;

/** Whether this server lets a reader stop and start the cluster's nodes (what /api/health reports). */
export const nodeControlOn = (deps: ClusterDeps): boolean => deps.config.cluster.nodeControl && deps.cluster?.mode === "private";

export function clusterRoute(deps: ClusterDeps): Hono {
  const act = (action: "stop" | "start") => async (c: { req: { param(name: "name"): string } }) => {
    const name = c.req.param("name");
    const cluster = deps.cluster;
    if (!cluster || !nodeControlOn(deps)) throw new ApiError(403, "node_control_off");
    if (!cluster.nodes().some((node) => node.name === name)) throw new ApiError(404, "unknown_node", { node: name });
    if (cluster.status().state === "starting") throw new ApiError(503, "cluster_starting");
    try {
      if (action === "stop") await cluster.stopNode(name);
      else await cluster.startNode(name);
    } catch (error) {
      if (error instanceof NodeControlError) throw new ApiError(409, "node_control_failed", { node: name, detail: error.message });
      throw error;
    }
    const health = await cluster.health();
    const body: NodeControlResponse = { node: name, ok: health.nodes.find((node) => node.name === name)?.ok ?? false, cluster: health };
    return jsonResponse(200, body);
  };
  return new Hono().post("/cluster/nodes/:name/stop", act("stop")).post("/cluster/nodes/:name/start", act("start"));
}
