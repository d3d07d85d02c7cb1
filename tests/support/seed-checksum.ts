// A fingerprint of every seeded table, to prove no run changed the data.
import mysql from "mysql2/promise";
import { TABLES } from "../../server/database/seed-data.ts";

export async function seedChecksum(adminUrl: string): Promise<string> {
  const admin = await mysql.createConnection(adminUrl);
  try {
    const names = TABLES.map((table) => `${mysql.escapeId(table.database)}.${mysql.escapeId(table.table)}`).join(", ");
    const [rows] = await admin.query<mysql.RowDataPacket[]>(`CHECKSUM TABLE ${names}`);
    return rows.map((row) => `${row.Table}=${row.Checksum}`).join("\n");
  } finally {
    await admin.end();
  }
}

export async function programConnections(adminUrl: string): Promise<number> {
  const admin = await mysql.createConnection(adminUrl);
  try {
    const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'user'");
    return Number(rows[0].n);
  } finally {
    await admin.end();
  }
}
