#!/usr/bin/env bash
# A throwaway PostgreSQL server for test/commands/sql/: a new cluster in a temporary directory,
# listening only on a unix socket in that directory (no TCP port is opened), removed by `stop`.
#
#   bash test/postgres-setup.sh start        starts it; prints shell lines to eval:
#                                             export SPOTCHECK_PG_HOST=DIR SPOTCHECK_PG_PORT=PORT
#                                             export SPOTCHECK_PG_USER=postgres SPOTCHECK_PG_DIR=DIR
#   bash test/postgres-setup.sh stop DIR     stops the server started in DIR and removes DIR
#
# The server binaries are looked up in $SPOTCHECK_PG_BIN, else the newest /usr/lib/postgresql/*/bin
# (Debian's `postgresql` package), else initdb on the PATH. PostgreSQL refuses to run as root, so
# as root the server runs as the `postgres` user (runuser, or su); as anyone else, as that user.
# The cluster's default collation is ICU Chinese when the server has ICU (so that the generated SQL
# is checked to sort by COLLATE "C" and not by the database's collation), else C.
# Exit status: 0 started/stopped; 1 no server could be started (the reason is on stderr).
set -euo pipefail

PORT="${SPOTCHECK_PG_PORT:-54329}"

find_bin() {
  if [[ -n "${SPOTCHECK_PG_BIN:-}" && -x "$SPOTCHECK_PG_BIN/initdb" ]]; then echo "$SPOTCHECK_PG_BIN"; return; fi
  local newest=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && newest="$dir"
  done
  if [[ -n "$newest" ]]; then
    # the highest major version: sort numerically on the version directory
    newest=$(for dir in /usr/lib/postgresql/*/bin; do [[ -x "$dir/initdb" ]] && echo "$dir"; done | sort -t/ -k5,5n | tail -n 1)
    echo "$newest"; return
  fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  return 1
}

# Runs a command as the server's user.
as_server_user() {
  if [[ "$(id -u)" -ne 0 ]]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; return; fi
  su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
}

start() {
  local bin dir
  if ! bin=$(find_bin); then
    echo "postgres-setup: no PostgreSQL server binaries (initdb) found; install Debian's postgresql package" >&2
    return 1
  fi
  if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "postgres-setup: running as root but there is no postgres user to run the server as" >&2
    return 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/spotcheck-pg.XXXXXX")
  chmod 0755 "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$dir"; fi
  local initdb_common=(-D "$dir/data" -U postgres --auth=trust -E UTF8)
  if ! as_server_user "$bin/initdb" "${initdb_common[@]}" --locale=C.UTF-8 --locale-provider=icu --icu-locale=zh-Hans >"$dir/initdb.log" 2>&1; then
    rm -rf "$dir/data"
    if ! as_server_user "$bin/initdb" "${initdb_common[@]}" --no-locale >"$dir/initdb.log" 2>&1; then
      echo "postgres-setup: initdb failed:" >&2
      tail -n 20 "$dir/initdb.log" >&2
      rm -rf "$dir"
      return 1
    fi
  fi
  if ! as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20" \
      start >"$dir/pg_ctl.log" 2>&1; then
    echo "postgres-setup: the server did not start:" >&2
    tail -n 20 "$dir/server.log" "$dir/pg_ctl.log" >&2 2>/dev/null || true
    rm -rf "$dir"
    return 1
  fi
  echo "$bin" >"$dir/bin"
  printf 'export SPOTCHECK_PG_HOST=%q SPOTCHECK_PG_PORT=%q SPOTCHECK_PG_USER=postgres SPOTCHECK_PG_DIR=%q\n' "$dir" "$PORT" "$dir"
}

stop() {
  local dir="${1:-}"
  if [[ -z "$dir" || ! -d "$dir/data" ]]; then
    echo "postgres-setup: stop needs the directory printed by start (got '${dir}')" >&2
    return 1
  fi
  local bin
  bin=$(cat "$dir/bin" 2>/dev/null || find_bin)
  as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: bash test/postgres-setup.sh start | stop DIR" >&2; exit 2 ;;
esac
