// Every message a reader can see from the server, in both languages.
// Codes are stable (the page may show its own text for a code); messages are for people.
import type { ErrorCode, Locale } from "./contract.ts";

export type { Locale };

const MESSAGES = {
  bad_json: {
    en: "The request body is not valid JSON.",
    ko: "요청 본문이 올바른 JSON이 아닙니다.",
  },
  bad_request: {
    en: "The request is not valid: {detail}",
    ko: "요청이 올바르지 않습니다: {detail}",
  },
  unsupported_media_type: {
    en: "Send the request as JSON (Content-Type: application/json).",
    ko: "요청은 JSON(Content-Type: application/json)으로 보내 주세요.",
  },
  body_too_large: {
    en: "The request body is larger than {limit} bytes.",
    ko: "요청 본문이 {limit}바이트를 넘습니다.",
  },
  code_too_large: {
    en: "The code is larger than {limit} bytes.",
    ko: "코드가 {limit}바이트를 넘습니다.",
  },
  unknown_example: {
    en: 'There is no example called "{id}".',
    ko: '"{id}"라는 예제가 없습니다.',
  },
  unknown_exercise: {
    en: 'There is no exercise called "{id}".',
    ko: '"{id}"라는 연습 문제가 없습니다.',
  },
  unknown_language: {
    en: 'The example "{id}" cannot run as "{lang}" on this server.',
    ko: '"{id}" 예제는 이 서버에서 "{lang}"(으)로 실행할 수 없습니다.',
  },
  edits_disabled: {
    en: "This server runs only the programs as shipped; editing is turned off (ALLOW_EDITS).",
    ko: "이 서버는 제공된 프로그램만 실행합니다. 코드 수정 실행이 꺼져 있습니다(ALLOW_EDITS).",
  },
  queue_full: {
    en: "Too many programs are running or waiting. Try again in {seconds} s.",
    ko: "실행 중이거나 대기 중인 프로그램이 너무 많습니다. {seconds}초 뒤에 다시 시도해 주세요.",
  },
  rate_limited: {
    en: "You started many runs in a short time. Try again in {seconds} s.",
    ko: "짧은 시간에 너무 많이 실행했습니다. {seconds}초 뒤에 다시 시도해 주세요.",
  },
  not_found: {
    en: "Nothing lives at this address.",
    ko: "이 주소에는 아무것도 없습니다.",
  },
  method_not_allowed: {
    en: "This address does not accept {method} requests.",
    ko: "이 주소는 {method} 요청을 받지 않습니다.",
  },
  mysql_missing: {
    en: "No MySQL is available for this program. Install one (Debian/Ubuntu: sudo apt-get install mariadb-server; macOS: brew install mysql) and restart the server, run docker compose up, or set MYSQL_URL to a server you already have.",
    ko: "이 프로그램이 쓸 MySQL이 없습니다. MySQL을 설치하고(Debian/Ubuntu: sudo apt-get install mariadb-server, macOS: brew install mysql) 서버를 다시 시작하거나, docker compose up으로 실행하거나, 이미 있는 서버를 MYSQL_URL로 지정해 주세요.",
  },
  mysql_unavailable: {
    en: "MySQL is not available, so this program cannot run. {detail}",
    ko: "MySQL을 사용할 수 없어 이 프로그램을 실행할 수 없습니다. {detail}",
  },
  cluster_starting: {
    en: "The cluster (three shard servers, a primary and its replicas) is still starting; it takes a few seconds after the server starts. Run again in a moment.",
    ko: "클러스터(샤드 서버 세 대, 프라이머리와 레플리카)가 아직 시작하는 중입니다. 서버가 켜진 뒤 몇 초 걸립니다. 잠시 뒤에 다시 실행해 주세요.",
  },
  cluster_unavailable: {
    en: "The cluster is not available, so this program cannot run. {detail}",
    ko: "클러스터를 사용할 수 없어 이 프로그램을 실행할 수 없습니다. {detail}",
  },
  unknown_node: {
    en: 'There is no cluster node called "{node}". /api/health lists the nodes.',
    ko: '"{node}"라는 클러스터 노드가 없습니다. 노드 목록은 /api/health에 있습니다.',
  },
  node_control_off: {
    en: "Stopping and starting the cluster's servers is off on this site: it would stop them for every reader. Use a fault for your own run instead, or run the tutorial on your own machine (npm start).",
    ko: "이 사이트에서는 클러스터 서버를 멈추거나 다시 켤 수 없습니다. 모든 독자의 서버가 함께 멈추기 때문입니다. 대신 내 실행에만 적용되는 장애를 골라 보거나, 내 컴퓨터에서 튜토리얼을 실행해 주세요(npm start).",
  },
  node_control_failed: {
    en: 'The node "{node}" could not be stopped or started: {detail}',
    ko: '"{node}" 노드를 멈추거나 다시 켜지 못했습니다: {detail}',
  },
  bad_fault: {
    en: "The faults cannot be applied: {detail}",
    ko: "장애 설정을 적용할 수 없습니다: {detail}",
  },
  port_busy: {
    en: "Port {port} is already in use on this machine, and this program listens on :{port}. Stop whatever uses it and run again.",
    ko: "이 컴퓨터에서 {port}번 포트를 이미 쓰고 있는데, 이 프로그램은 :{port}에서 연결을 기다립니다. 그 포트를 쓰는 프로그램을 멈춘 뒤 다시 실행해 주세요.",
  },
  code_refused: {
    en: "This edited program cannot run here: {detail}",
    ko: "수정한 프로그램을 여기서 실행할 수 없습니다: {detail}",
  },
  foreign_host: {
    en: "This server does not answer to the name {host}. If it runs behind a proxy under that name, add the address to ALLOWED_ORIGINS.",
    ko: "이 서버는 {host}라는 이름으로 받은 요청에 응답하지 않습니다. 프록시 뒤에서 그 이름으로 서비스한다면 그 주소를 ALLOWED_ORIGINS에 넣어 주세요.",
  },
  foreign_origin: {
    en: "Only this site's own pages may run programs here; the request came from {origin}.",
    ko: "이 사이트의 페이지에서만 프로그램을 실행할 수 있습니다. 이 요청은 {origin}에서 왔습니다.",
  },
  internal: {
    en: "The run could not start: {detail}",
    ko: "실행을 시작하지 못했습니다: {detail}",
  },
} as const satisfies Record<ErrorCode, Record<Locale, string>>;

export type MessageCode = ErrorCode;

export function message(code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): string {
  return MESSAGES[code][locale].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

export function allMessageCodes(): MessageCode[] {
  return Object.keys(MESSAGES) as MessageCode[];
}

/** The reader's language from Accept-Language; Korean first only when asked for. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("ko") ? "ko" : "en";
}
