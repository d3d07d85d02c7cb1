#!/bin/bash
# docker-compose.yml's cluster-init: points `replica` and `replica-delayed` at
# `primary` with MySQL 8.4's GTID auto-positioning. Runs on every
# `docker compose up`; replicas already set up are left as they are.
# (The same steps as server/database/cluster/cluster.ts does for private
# MariaDB nodes, in MySQL 8.4's words. Not run in CI: there is no Docker there.)
set -euo pipefail
export MYSQL_PWD="$ROOT_PASSWORD"
sql() { mysql --host="$1" --user=root --protocol=tcp --batch --skip-column-names --execute="$2"; }

configured() { [ -n "$(sql "$1" "SHOW REPLICA STATUS")" ]; }

if configured replica && configured replica-delayed; then
  echo "cluster-init: the replicas are set up already"
  exit 0
fi

# A clean start: nothing the images' own set-up did is to be replicated, so the
# replicas start from an empty GTID history and copy everything written from here on.
sql primary "RESET BINARY LOGS AND GTIDS"
sql primary "SET SESSION sql_log_bin = 0;
  CREATE USER IF NOT EXISTS 'tutorial_repl'@'%' IDENTIFIED BY '${REPLICATION_PASSWORD}';
  GRANT REPLICATION SLAVE ON *.* TO 'tutorial_repl'@'%';"

for entry in "replica:0" "replica-delayed:${REPLICA_DELAY_S}"; do
  host="${entry%%:*}"
  delay="${entry##*:}"
  sql "$host" "STOP REPLICA;
    RESET REPLICA ALL;
    RESET BINARY LOGS AND GTIDS;
    CHANGE REPLICATION SOURCE TO SOURCE_HOST='primary', SOURCE_PORT=3306,
      SOURCE_USER='tutorial_repl', SOURCE_PASSWORD='${REPLICATION_PASSWORD}',
      SOURCE_AUTO_POSITION=1, SOURCE_CONNECT_RETRY=1, SOURCE_RETRY_COUNT=86400,
      SOURCE_DELAY=${delay}, GET_SOURCE_PUBLIC_KEY=1;
    START REPLICA;"
  echo "cluster-init: ${host} replicates from primary (delay ${delay} s)"
done

# Wait until both replicas' threads run, so the app starts against a working cluster.
for host in replica replica-delayed; do
  running=""
  for _ in $(seq 1 60); do
    running="$(mysql --host="$host" --user=root --protocol=tcp --execute="SHOW REPLICA STATUS\G" | grep -cE "Replica_(IO|SQL)_Running: Yes" || true)"
    [ "$running" = "2" ] && break
    sleep 1
  done
  [ "$running" = "2" ] || { echo "cluster-init: ${host} is not replicating" >&2; exit 1; }
done
echo "cluster-init: done"
