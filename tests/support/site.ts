// What the browser tests need to know about the built site, read from the
// same sources the site is built from (never a hard-coded lesson list):
// course.json for the order, the lessons' <Program id> tags for programs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../server/config.ts";
import { LOCALES, type Locale } from "../../server/contract.ts";
import { freePort } from "../../server/database/private-mysqld.ts";
import { courseOrder, loadCourse } from "../../src/lib/course.ts";
import { spawnServer } from "./server-process.ts";

export { LOCALES, type Locale };

const lessonsDir = path.join(projectRoot, "content", "lessons");
const course = loadCourse(lessonsDir);

/** The numbered lessons, every part's, in course order ("intro", "goroutines", …). */
export function lessonIds(): string[] {
  return course.parts.flatMap((part) => part.lessons);
}

/** Every page in reading order: the lessons, then the closing page. */
export function pageIds(): string[] {
  return courseOrder(course);
}

export function closingId(): string {
  if (!course.closing) throw new Error("course.json names no closing page");
  return course.closing;
}

/** The parts, with their lessons, as course.json lists them. */
export function parts(): Array<{ id: string; title: Record<Locale, string>; lessons: string[] }> {
  return course.parts;
}

/** Old address → lesson id. */
export function redirects(): Record<string, string> {
  return course.redirects;
}

export function lessonPath(locale: Locale, id: string): string {
  return `/${locale}/${id}/`;
}

const lessonText = (id: string) => readFileSync(path.join(lessonsDir, "en", `${id}.mdx`), "utf8");

/** The lesson that includes a program, found from the lessons' <Program id> tags. */
export function lessonWith(programId: string): string {
  const id = pageIds().find((each) => lessonText(each).includes(`<Program id="${programId}"`));
  if (!id) throw new Error(`no lesson includes the program "${programId}"`);
  return id;
}

/** How many programs a lesson includes. */
export function programCount(id: string): number {
  return lessonText(id).match(/<Program id="/g)?.length ?? 0;
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
