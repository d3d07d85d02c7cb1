// Puts the tutorial's data on a MySQL server, again and again without harm:
// every start restores the exact seeded rows and the read-only program user.
import mysql from "mysql2/promise";
import { dropLeftoverScratch } from "./scratch.ts";
import { META_DATABASE, PROGRAM_PASSWORD, PROGRAM_USER, SEED_DATABASES, TABLES, type TableSeed } from "./seed-data.ts";

export class SeedError extends Error {
  override name = "SeedError";
}

const id = (name: string) => mysql.escapeId(name);

async function databaseExists(db: mysql.Connection, name: string): Promise<boolean> {
  const [rows] = await db.query<mysql.RowDataPacket[]>("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name]);
  return rows.length > 0;
}

async function refuseForeignData(db: mysql.Connection, databases: readonly string[]): Promise<void> {
  if (await databaseExists(db, META_DATABASE)) return;
  for (const name of databases) {
    if (await databaseExists(db, name)) {
      throw new SeedError(
        `This MySQL server already has a database named "${name}" that the tutorial did not create; ` +
          "it will not overwrite it. Point MYSQL_URL at another server, or drop that database yourself.",
      );
    }
  }
}

/** Databases and tables one server gets. */
export interface Seed {
  databases: readonly string[];
  tables: readonly TableSeed[];
}

export const MAIN_SEED: Seed = { databases: SEED_DATABASES, tables: TABLES };

export async function seedDatabase(adminUrl: string): Promise<void> {
  const db = await mysql.createConnection({ uri: adminUrl, charset: "utf8mb4_unicode_ci" });
  try {
    await seedData(db, MAIN_SEED);
    await createProgramUser(db);
    await dropLeftoverScratch(db);
  } finally {
    await db.end();
  }
}

/**
 * Restores `seed`'s exact rows (creating what is missing), on a server that is
 * empty or was seeded by this tutorial before. On a primary these statements
 * are replicated: that is how its replicas get the data.
 */
export async function seedData(db: mysql.Connection, seed: Seed): Promise<void> {
  await refuseForeignData(db, seed.databases);
  await db.query(`CREATE DATABASE IF NOT EXISTS ${id(META_DATABASE)}`);
  for (const name of seed.databases) {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${id(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  for (const table of seed.tables) {
    const qualified = `${id(table.database)}.${id(table.table)}`;
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${qualified} (${table.create}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await db.beginTransaction();
    await db.query(`DELETE FROM ${qualified}`);
    if (table.rows.length > 0) {
      await db.query(`INSERT INTO ${qualified} (${table.columns.map(id).join(", ")}) VALUES ?`, [table.rows]);
    }
    await db.commit();
  }
}

// Programs log in as this user; it can read the tutorial's data and nothing else.
async function createProgramUser(db: mysql.Connection): Promise<void> {
  for (const host of ["%", "localhost"]) {
    const account = `${mysql.escape(PROGRAM_USER)}@${mysql.escape(host)}`;
    await db.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(PROGRAM_PASSWORD)}`);
    await db.query(`ALTER USER ${account} IDENTIFIED BY ${mysql.escape(PROGRAM_PASSWORD)}`);
    for (const name of SEED_DATABASES) {
      await db.query(`GRANT SELECT ON ${id(name)}.* TO ${account}`);
    }
  }
}
