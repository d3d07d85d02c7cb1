// What the browser tests need to know about the built site, read from the
// same sources the site is built from (never a hard-coded lesson list).
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../server/config.ts";
import { freePort } from "../../server/database/private-mysqld.ts";
import { spawnServer } from "./server-process.ts";

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Lesson ids in course order ("intro", …, then the closing page), from content/lessons/course.json. */
export function lessonSlugs(): string[] {
  const course: { parts: Array<{ lessons: string[] }>; closing: string } = JSON.parse(
    readFileSync(path.join(projectRoot, "content", "lessons", "course.json"), "utf8"),
  );
  return [...course.parts.flatMap((part) => part.lessons), course.closing];
}

export function lessonPath(locale: Locale, slug: string): string {
  return `/${locale}/${slug}/`;
}

/** The lesson that includes a program, found from the lessons' <Program id> tags. */
export function lessonWith(programId: string): string {
  for (const slug of lessonSlugs()) {
    const text = readFileSync(path.join(projectRoot, "content", "lessons", "en", `${slug}.mdx`), "utf8");
    if (text.includes(`<Program id="${programId}"`)) return slug;
  }
  throw new Error(`no lesson includes the program "${programId}"`);
}

/** How many programs a lesson includes. */
export function programCount(slug: string): number {
  const text = readFileSync(path.join(projectRoot, "content", "lessons", "en", `${slug}.mdx`), "utf8");
  return text.match(/<Program id="/g)?.length ?? 0;
}

export interface SecondServer {
  base: string;
  stop(): Promise<void>;
}

/** Starts another real server (node server/main.ts) on a free port with extra environment. */
export async function startSecondServer(env: Record<string, string>): Promise<SecondServer> {
  const port = await freePort();
  const server = spawnServer({ MYSQL_URL: "", ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (server.child.exitCode !== null) throw new Error(`the second server exited (${server.child.exitCode}):\n${server.output()}`);
    const ok = await fetch(`${base}/api/examples`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the second server did not answer within 30 s:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, stop: () => server.stop() };
}
