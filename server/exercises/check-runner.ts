// Runs a reader's answer to an exercise: the exercise's checker runs the
// program as often as it needs, each time through the ordinary runner (the
// same sandbox, limits and cancellation as any run), while every run's output
// streams to the reader; then the checks become the verdict.
import type { CheckResult, ErrorCode, ExitInfo, Lang, Locale, Verdict } from "../contract.ts";
import { isMessageCode, message } from "../messages.ts";
import { parseFaults } from "../runner/gate/faults.ts";
import type { Runner } from "../runner/runner.ts";
import type { Stream } from "../runner/supervise.ts";
import type { Diagnostic } from "../runner/type-check.ts";
import type { Exercise } from "./catalog.ts";
import type { CheckContext, Localized, TrialRun } from "./checker.ts";

export interface CheckSink {
  /** One of the checker's runs begins; `index` counts from 1. */
  trial(index: number, label: string): void;
  output(stream: Stream, data: string, t: number): void;
  diagnostic(diagnostic: Diagnostic): void;
  exit(info: ExitInfo): void;
  /** A run could not happen (no MySQL…); the verdict follows and says so. */
  error(code: ErrorCode, message: string): void;
  /** What the checker concluded; only type errors still on their way may follow it. */
  verdict(verdict: Verdict): void;
}

export interface CheckJob {
  exercise: Exercise;
  lang: Lang;
  code: string;
  locale: Locale;
}

/** Ends a check early: the program did not build or could not run, so further runs would say nothing new. */
class CheckStopped extends Error {
  override name = "CheckStopped";
  readonly result: CheckResult | null;
  constructor(result: CheckResult | null) {
    super(result?.message ?? "cancelled");
    this.result = result;
  }
}

const WORDS = {
  builds: { en: "The program builds", ko: "프로그램 빌드" },
  buildFailed: {
    en: "The program did not compile: the compiler's messages are in the output above.",
    ko: "프로그램이 컴파일되지 않았습니다. 컴파일러의 메시지는 위 출력에 있습니다.",
  },
  runs: { en: "The program runs", ko: "프로그램 실행" },
  checker: { en: "The checker", ko: "검사기" },
  checkerFailed: { en: "The checker itself failed: {detail}", ko: "검사기 자체가 실패했습니다: {detail}" },
} satisfies Record<string, Localized>;

/**
 * Runs the checker, hands the verdict to the sink, then waits for the type
 * check still going on beside the runs (it never holds the verdict up).
 * Resolves to the verdict, or null when the reader went away before there was one.
 */
export async function runCheck(job: CheckJob, runner: Runner, sink: CheckSink, signal: AbortSignal): Promise<Verdict | null> {
  const typeChecks: Promise<void>[] = [];
  const verdict = await judge(job, runner, sink, signal, typeChecks);
  if (verdict) sink.verdict(verdict);
  await Promise.all(typeChecks);
  return verdict;
}

async function judge(
  job: CheckJob,
  runner: Runner,
  sink: CheckSink,
  signal: AbortSignal,
  typeChecks: Promise<void>[],
): Promise<Verdict | null> {
  const { exercise, lang, code, locale } = job;
  const say = (text: Localized) => text[locale];
  const results = new Map<string, CheckResult>();
  let trials = 0;

  const context: CheckContext = {
    locale,
    async run(trial) {
      if (signal.aborted) throw new CheckStopped(null);
      // Faults are checked as /api/run checks a reader's, against the nodes the exercise may fault.
      if ((trial.faults?.length ?? 0) > 0 && !exercise.program.needs.some((need) => need.startsWith("cluster"))) {
        throw new Error("a trial's faults: this exercise does not use the cluster");
      }
      const parsed = parseFaults(trial.faults, exercise.program.faultNodes);
      if ("problem" in parsed) throw new Error(`a trial's faults: ${parsed.problem.en}`);
      trials++;
      sink.trial(trials, say(trial.label));
      const collected: TrialRun["outputs"] = [];
      let failure: { code: ErrorCode; detail: string } | null = null;
      const outcome = await runner.run(
        {
          example: exercise.program,
          lang,
          code,
          env: trial.env,
          demo: trial.demo ?? null,
          seedScratch: trial.seed,
          inspectShards: trial.inspectShards,
          faults: parsed.faults,
          locale,
          // Type errors are the same in every run: report them once.
          typeCheck: trials === 1,
          // The first run's type check goes on beside the later runs.
          keepTypeCheck: (pending) => typeChecks.push(pending),
        },
        {
          output(stream, data, t) {
            collected.push({ stream, data, t });
            sink.output(stream, data, t);
          },
          diagnostic: (diagnostic) => sink.diagnostic(diagnostic),
          exit: (info) => sink.exit(info),
          error(errorCode, detail) {
            failure = { code: errorCode, detail };
            const text = isMessageCode(errorCode) ? message(errorCode, locale, { detail }) : detail;
            sink.error(errorCode, text);
          },
        },
        signal,
      );
      if (signal.aborted) throw new CheckStopped(null);
      if (failure !== null || outcome.exit === null) {
        const { code: errorCode, detail } = failure ?? { code: "internal" as const, detail: "" };
        const text = isMessageCode(errorCode) ? message(errorCode, locale, { detail }) : detail;
        throw new CheckStopped({ name: say(WORDS.runs), pass: false, message: text });
      }
      if (outcome.exit.reason === "compile-error") {
        throw new CheckStopped({ name: say(WORDS.builds), pass: false, message: say(WORDS.buildFailed) });
      }
      const stdout = collected
        .filter((piece) => piece.stream === "stdout")
        .map((piece) => piece.data)
        .join("");
      const stderr = collected
        .filter((piece) => piece.stream === "stderr")
        .map((piece) => piece.data)
        .join("");
      const lines = stdout === "" ? [] : stdout.replace(/\n$/, "").split("\n");
      return {
        stdout,
        stderr,
        lines,
        outputs: collected,
        exit: outcome.exit,
        services: outcome.services,
        demoReply: outcome.demoReply,
        demoClosed: outcome.demoClosed ?? false,
      };
    },
    check(name, pass, why) {
      const key = say(name);
      const earlier = results.get(key);
      if (earlier && !earlier.pass) return;
      results.set(key, { name: key, pass, message: say(why) });
    },
  };

  try {
    await exercise.checker(context);
  } catch (error) {
    if (signal.aborted) return null;
    if (error instanceof CheckStopped) {
      if (!error.result) return null;
      return { pass: false, checks: [...results.values(), error.result] };
    }
    const detail = (error as Error).message;
    const failed = { name: say(WORDS.checker), pass: false, message: say(WORDS.checkerFailed).replace("{detail}", detail) };
    return { pass: false, checks: [...results.values(), failed] };
  }
  if (signal.aborted) return null;
  const checks = [...results.values()];
  return { pass: checks.length > 0 && checks.every((check) => check.pass), checks };
}
