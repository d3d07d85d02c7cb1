// Seeding is idempotent, programs can only read, and a database the tutorial
// did not create is never overwritten.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import mysql from "mysql2/promise";
import { seedDatabase } from "../../server/database/seed.ts";
import { MAIN_DATABASE, PROGRAM_PASSWORD, PROGRAM_USER, TABLES } from "../../server/database/seed-data.ts";
import { testMysqlUrl } from "../support/backend.ts";

async function checksums(admin: mysql.Connection): Promise<string> {
  const names = TABLES.map((table) => `${mysql.escapeId(table.database)}.${mysql.escapeId(table.table)}`).join(", ");
  const [rows] = await admin.query<mysql.RowDataPacket[]>(`CHECKSUM TABLE ${names}`);
  return JSON.stringify(rows);
}

describe("seed", () => {
  let admin: mysql.Connection;
  before(async () => {
    await seedDatabase(testMysqlUrl());
    admin = await mysql.createConnection(testMysqlUrl());
  });
  after(() => admin.end());

  test("seeding again leaves exactly the same data", async () => {
    const first = await checksums(admin);
    await seedDatabase(testMysqlUrl());
    assert.equal(await checksums(admin), first);
  });

  test("seeding restores rows someone changed", async () => {
    const before = await checksums(admin);
    await admin.query(`UPDATE ${mysql.escapeId(MAIN_DATABASE)}.users SET name = 'changed' WHERE id = 1`);
    await seedDatabase(testMysqlUrl());
    assert.equal(await checksums(admin), before);
  });

  test("the program user can read but not write", async () => {
    const { hostname, port } = new URL(testMysqlUrl());
    const program = await mysql.createConnection({
      host: hostname,
      port: Number(port || 3306),
      user: PROGRAM_USER,
      password: PROGRAM_PASSWORD,
      database: MAIN_DATABASE,
    });
    try {
      const [rows] = await program.query<mysql.RowDataPacket[]>("SELECT * FROM users ORDER BY id");
      assert.equal(rows.length, 5);
      await assert.rejects(program.query("UPDATE users SET name = 'x'"), /command denied/i);
      await assert.rejects(program.query("DROP TABLE users"), /command denied/i);
      await assert.rejects(program.query("CREATE DATABASE sneaky"), /denied/i);
    } finally {
      await program.end();
    }
  });

  test("a database of the same name that the tutorial did not create is refused", async () => {
    await admin.query("DROP DATABASE IF EXISTS tutorial_meta");
    try {
      await assert.rejects(seedDatabase(testMysqlUrl()), /did not create/);
    } finally {
      await admin.query("CREATE DATABASE IF NOT EXISTS tutorial_meta");
    }
  });
});
