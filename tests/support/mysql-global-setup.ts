// One MySQL for the whole integration run: MYSQL_URL when set, otherwise a
// private server from the machine's mariadbd/mysqld. Test files find it in
// TEST_MYSQL_URL. No MySQL means failing tests with a how-to, never skipped ones.
import { findMysqld, type PrivateMysqld, startPrivateMysqld } from "../../server/database/private-mysqld.ts";
import { seedDatabase } from "../../server/database/seed.ts";
import { seedChecksum } from "./seed-checksum.ts";

let server: PrivateMysqld | null = null;
let checksumBefore = "";

export async function globalSetup(): Promise<void> {
  if (process.env.MYSQL_URL) {
    process.env.TEST_MYSQL_URL = process.env.MYSQL_URL;
  } else {
    await startServer();
  }
  await seedDatabase(process.env.TEST_MYSQL_URL!);
  checksumBefore = await seedChecksum(process.env.TEST_MYSQL_URL!);
}

async function startServer(): Promise<void> {
  if (!findMysqld()) {
    throw new Error(
      "The integration tests need a real MySQL or MariaDB. Install one (Debian/Ubuntu: sudo apt-get install mariadb-server; " +
        "macOS: brew install mysql) so the tests can start a private server, or set MYSQL_URL=mysql://root:secret@127.0.0.1:3306/.",
    );
  }
  server = await startPrivateMysqld();
  process.env.TEST_MYSQL_URL = server.adminUrl;
}

// After every test, hostile ones included, the seeded data is exactly as seeded.
export async function globalTeardown(): Promise<void> {
  try {
    const checksumAfter = await seedChecksum(process.env.TEST_MYSQL_URL!);
    if (checksumAfter !== checksumBefore) {
      process.exitCode = 1;
      console.error(`The seeded data changed during the integration tests:\nbefore:\n${checksumBefore}\nafter:\n${checksumAfter}`);
    }
  } finally {
    await server?.stop();
  }
}
