#!/usr/bin/env bash
# Starts or stops a private PostgreSQL cluster for tests and benchmarks, on its own port
# and socket folder so it never meets a cluster the machine already runs.
#   scripts/pg-cluster.sh start DIR PORT   -> prints the DATABASE_URL
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
action=$1
dir=$(realpath -m "$2")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "$action" in
  start)
    port=$3
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir/data" "$dir/socket"
      [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
      as_owner "$bin/initdb -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" > "$dir/initdb.log"
    fi
    as_owner "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -t 60 start -o \"-p $port -k '$dir/socket' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB -c max_connections=200\"" > /dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl -D '$dir/data' -m fast -w stop" > /dev/null
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
