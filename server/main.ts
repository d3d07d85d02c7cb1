// `npm start`: one process serving the built site and the API on one origin.

import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { type Backend, startBackend } from "./backend.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { PortInUseError } from "./echo/echo-server.ts";
import { createSite } from "./http/static-site.ts";

const log = (line: string) => console.log(`[server] ${line}`);

function exitWith(message: string, code: number): never {
  console.error(`[server] ${message}`);
  process.exit(code);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) exitWith(error.message, 2);
  throw error;
}
if (!existsSync(path.join(config.distDir, "index.html"))) {
  exitWith(
    `The site is not built yet (${config.distDir} has no index.html). Run \`npm run build\` first, or use \`npm start\`, which builds it.`,
    1,
  );
}

let backend: Backend;
try {
  backend = await startBackend(config, log);
} catch (error) {
  if (error instanceof PortInUseError) exitWith(error.message, 1);
  throw error;
}
const app = new Hono().route("/", backend.api).route("/", createSite(config.distDir));
const server = createServer(getRequestListener(app.fetch));

server.once("error", async (error: NodeJS.ErrnoException) => {
  await backend.close();
  if (error.code === "EADDRINUSE") exitWith(new PortInUseError(config.port, "PORT").message, 1);
  exitWith(`Could not listen on ${config.host}:${config.port}: ${error.message}`, 1);
});
server.listen(config.port, config.host, () => {
  const shown = config.host.includes(":") ? `[${config.host}]` : config.host;
  log(`ready on http://${shown === "127.0.0.1" ? "localhost" : shown}:${config.port}`);
});

let closing = false;
async function shutDown(signal: string) {
  if (closing) return;
  closing = true;
  log(`${signal}: stopping runs, the echo server and MySQL`);
  server.close();
  // Runs end first, so readers still connected get their "cancelled" exit event.
  await backend.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on("SIGINT", () => void shutDown("SIGINT"));
process.on("SIGTERM", () => void shutDown("SIGTERM"));
