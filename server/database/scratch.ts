// Per-run scratch databases: a program that must write gets an empty database
// of its own, which only its run's account may change, and which is dropped
// (with its grants) when the run ends. The seeded databases stay read-only.
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { type Admin, DEFAULT_PROGRAM_HOSTS, grantOn, revokeOn } from "./accounts.ts";

export const SCRATCH_PREFIX = "scratch_";

export interface Scratch {
  name: string;
  drop(): Promise<void>;
}

async function dropScratch(admin: Admin, name: string, hosts: readonly string[]): Promise<void> {
  // Dropping a database keeps its grants; revoke them so names never inherit rights.
  await revokeOn(admin, name, hosts);
  await admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(name)}`);
}

/** `host` is the run's own account's host part ("127.0.0.N"), or "%" where runs share the program account. */
export async function createScratch(admin: mysql.Pool, host: string): Promise<Scratch> {
  const name = `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`;
  const hosts = host === "%" ? DEFAULT_PROGRAM_HOSTS : [host];
  await admin.query(`CREATE DATABASE ${mysql.escapeId(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await grantOn(admin, name, hosts, "ALL PRIVILEGES");
  return { name, drop: () => dropScratch(admin, name, hosts) };
}

/** Removes scratch databases a crashed server left behind. */
export async function dropLeftoverScratch(admin: Admin): Promise<void> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?",
    [`${SCRATCH_PREFIX}%`],
  );
  for (const row of rows) await dropScratch(admin, String(row.name), DEFAULT_PROGRAM_HOSTS);
}
