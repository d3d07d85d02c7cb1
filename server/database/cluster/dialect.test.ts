import assert from "node:assert/strict";
import { test } from "node:test";
import { dialectFor, flavorOfVersion, MARIADB, MYSQL, readReplicaStatus } from "./dialect.ts";

const source = { host: "127.0.0.1", port: 3307, user: "repl", password: "it's", delaySeconds: 3 };

test("MariaDB: CHANGE MASTER with GTIDs from slave_pos", () => {
  const sql = MARIADB.changeSource(source);
  assert.match(sql, /^CHANGE MASTER TO MASTER_HOST='127\.0\.0\.1', MASTER_PORT=3307, MASTER_USER='repl', MASTER_PASSWORD='it\\'s'/);
  assert.match(sql, /MASTER_USE_GTID=slave_pos/);
  assert.match(sql, /MASTER_DELAY=3/);
  assert.equal(MARIADB.waitForGtid, "SELECT MASTER_GTID_WAIT(?, ?) AS waited");
  assert.equal(MARIADB.waited(0), true);
  assert.equal(MARIADB.waited(-1), false);
});

test("MySQL 8.4: CHANGE REPLICATION SOURCE with auto-positioning", () => {
  const sql = MYSQL.changeSource(source);
  assert.match(sql, /^CHANGE REPLICATION SOURCE TO SOURCE_HOST='127\.0\.0\.1', SOURCE_PORT=3307/);
  assert.match(sql, /SOURCE_AUTO_POSITION=1/);
  assert.match(sql, /SOURCE_DELAY=3/);
  assert.doesNotMatch(sql, /MASTER/);
  assert.equal(MYSQL.startReplica, "START REPLICA");
  assert.equal(MYSQL.waitForGtid, "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?) AS waited");
  assert.equal(MYSQL.waited(1), false);
  assert.equal(MYSQL.setDelay(0), "CHANGE REPLICATION SOURCE TO SOURCE_DELAY=0");
});

test("the flavour comes from VERSION()", () => {
  assert.equal(flavorOfVersion("10.11.19-MariaDB-0+deb12u1"), "mariadb");
  assert.equal(flavorOfVersion("8.4.3"), "mysql");
  assert.equal(dialectFor("mysql"), MYSQL);
});

test("replica status rows in either dialect", () => {
  assert.deepEqual(
    readReplicaStatus({
      Slave_IO_Running: "Yes",
      Slave_SQL_Running: "Yes",
      Seconds_Behind_Master: 2,
      Last_IO_Error: "",
      Last_SQL_Error: "",
    }),
    {
      io: "Yes",
      sql: "Yes",
      lagSeconds: 2,
      lastError: null,
    },
  );
  assert.deepEqual(
    readReplicaStatus({
      Replica_IO_Running: "Connecting",
      Replica_SQL_Running: "Yes",
      Seconds_Behind_Source: null,
      Last_IO_Error: "error connecting to source",
    }),
    { io: "Connecting", sql: "Yes", lagSeconds: null, lastError: "error connecting to source" },
  );
  assert.deepEqual(readReplicaStatus(undefined), { io: null, sql: null, lagSeconds: null, lastError: null });
});
