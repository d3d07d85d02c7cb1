// Per-run scratch databases: a program that must write gets an empty database
// of its own, which only its run's account may change, and which is dropped
// (with its grants) when the run ends. The seeded databases stay read-only.
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { PROGRAM_USER } from "./seed-data.ts";

export const SCRATCH_PREFIX = "scratch_";
/** The shared program account's hosts, used where runs have no account of their own. */
const SHARED_HOSTS = ["%", "localhost"];

export interface Scratch {
  name: string;
  drop(): Promise<void>;
}

type Admin = mysql.Pool | mysql.Connection;

const account = (host: string) => `${mysql.escape(PROGRAM_USER)}@${mysql.escape(host)}`;

async function dropScratch(admin: Admin, name: string, hosts: string[]): Promise<void> {
  for (const host of hosts) {
    // Dropping a database keeps its grants; revoke them so names never inherit rights.
    await admin.query(`REVOKE ALL PRIVILEGES ON ${mysql.escapeId(name)}.* FROM ${account(host)}`).catch(() => {});
  }
  await admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(name)}`);
}

/** `host` is the run's own account's host part ("127.0.0.N"), or "%" where runs share the program account. */
export async function createScratch(admin: mysql.Pool, host: string): Promise<Scratch> {
  const name = `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`;
  const hosts = host === "%" ? SHARED_HOSTS : [host];
  await admin.query(`CREATE DATABASE ${mysql.escapeId(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  for (const each of hosts) await admin.query(`GRANT ALL PRIVILEGES ON ${mysql.escapeId(name)}.* TO ${account(each)}`);
  return { name, drop: () => dropScratch(admin, name, hosts) };
}

/** Removes scratch databases a crashed server left behind. */
export async function dropLeftoverScratch(admin: Admin): Promise<void> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
    [`${SCRATCH_PREFIX}%`],
  );
  for (const row of rows) await dropScratch(admin, String(row.name), SHARED_HOSTS);
}
