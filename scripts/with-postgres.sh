#!/usr/bin/env bash
# Runs a command beside a PostgreSQL of its own: a new cluster in a temporary folder,
# listening on loopback on a free port and on a socket in that folder, stopped and
# removed when the command ends, however it ends. The command finds it in
# TENFOOT_TEST_DATABASE_URL. PostgreSQL refuses to run as root, so as root the
# cluster belongs to the postgres user.
#
#   scripts/with-postgres.sh go test ./session/sqlstore
set -euo pipefail

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "with-postgres: no PostgreSQL server found (Debian: apt-get install postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d -t tenfoot-pg.XXXXXX)
chmod 755 "$dir"
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as=(runuser -u postgres --)
fi

stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap "exit 130" INT TERM

# A free port: the first one from a random start that nothing answers on; pg_ctl
# then fails plainly if another process takes it meanwhile. It is chosen below the
# ports the system hands out to outgoing connections (32768 and up on Linux), where
# tens of thousands of connections of a load test, lingering in TIME-WAIT, would
# keep PostgreSQL from binding one that nothing answers on.
port=$(( 10000 + RANDOM % 20000 ))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$(( port + 1 )); done

"${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  echo "with-postgres: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
# In the cluster's own config, so that a test restarting the server keeps them.
# Durability is off for speed unless TENFOOT_PG_FSYNC=on (for measuring).
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 500
fsync = ${TENFOOT_PG_FSYNC:-off}
synchronous_commit = ${TENFOOT_PG_FSYNC:-off}
CONF
pg_ctl=("${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60)
if ! "${pg_ctl[@]}" start >/dev/null; then
  echo "with-postgres: PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1
fi

export TENFOOT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
# For tests that restart the server: pg_ctl with its data folder, to add a command to.
export TENFOOT_TEST_PG_CTL="${pg_ctl[*]}"
echo "with-postgres: $("$bin/postgres" --version) on 127.0.0.1:$port"
status=0
"$@" || status=$?
exit $status
