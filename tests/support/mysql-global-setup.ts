// One MySQL for the whole integration run: MYSQL_URL when set, otherwise a
// private server from the machine's mariadbd/mysqld. Test files find it in
// TEST_MYSQL_URL. No MySQL means failing tests with a how-to, never skipped ones.
import { findMysqld, startPrivateMysqld, type PrivateMysqld } from "../../server/database/private-mysqld.ts";

let server: PrivateMysqld | null = null;

export async function globalSetup(): Promise<void> {
  if (process.env.MYSQL_URL) {
    process.env.TEST_MYSQL_URL = process.env.MYSQL_URL;
    return;
  }
  if (!findMysqld()) {
    throw new Error(
      "The integration tests need a real MySQL or MariaDB. Install one (Debian/Ubuntu: sudo apt-get install mariadb-server; " +
        "macOS: brew install mysql) so the tests can start a private server, or set MYSQL_URL=mysql://root:secret@127.0.0.1:3306/.",
    );
  }
  server = await startPrivateMysqld();
  process.env.TEST_MYSQL_URL = server.adminUrl;
}

export async function globalTeardown(): Promise<void> {
  await server?.stop();
}
