// `npm run dev`: Astro's dev server (hot reload) with the same /api mounted
// on it, so the browser still talks to one origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AstroIntegration } from "astro";
import { type Backend, startBackend } from "./backend.ts";
import { loadConfig } from "./config.ts";

export default function backendInDev(): AstroIntegration {
  let backend: Promise<Backend> | null = null;
  const handle = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    if (!backend) return next();
    backend.then((ready) => ready.handleApi(req, res)).then((handled) => handled || next(), next);
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
      },
    },
  };
}
