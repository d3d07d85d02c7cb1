// `npm run dev`: Astro's dev server (hot reload) with the same /api mounted
// on it, so the browser still talks to one origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { AstroIntegration } from "astro";
import { type Backend, startBackend } from "./backend.ts";
import { loadConfig } from "./config.ts";
import { isApiPath } from "./http/app.ts";

export default function backendInDev(): AstroIntegration {
  let backend: Promise<Backend> | null = null;
  let listener: ReturnType<typeof getRequestListener> | null = null;
  const handle = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    if (!backend || !isApiPath(new URL(req.url ?? "/", "http://localhost").pathname)) return next();
    backend.then((ready) => {
      // Vite and Astro keep Node's own Request and Response.
      listener ??= getRequestListener(ready.api.fetch, { overrideGlobalObjects: false });
      return listener(req, res);
    }, next);
  };
  return {
    name: "tutorial-backend",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        if (command !== "dev") return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: "tutorial-backend-api",
                // The returned function runs after the other plugins' set-up, Astro's
                // included, so /api is first in line (Astro's trailing-slash page would
                // otherwise answer it).
                configureServer: (server) => () => {
                  server.middlewares.stack.unshift({ route: "", handle });
                },
              },
            ],
          },
        });
      },
      "astro:server:setup": ({ logger }) => {
        backend = startBackend(loadConfig(), (line) => logger.info(line));
      },
      "astro:server:done": async () => {
        await (await backend)?.close();
        backend = null;
        listener = null;
      },
    },
  };
}
