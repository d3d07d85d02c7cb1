// Finds the machine's Chromium; without one the browser tests fail with a how-to.
import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export function chromiumExecutable(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  const found = fromEnv ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found || !existsSync(found)) {
    throw new Error(
      "No Chromium found for the browser tests. Install it (Debian/Ubuntu: sudo apt-get install chromium) " +
        "or set CHROMIUM_PATH to a Chrome or Chromium binary.",
    );
  }
  return found;
}
