# Sourced by scripts/test: a throwaway PostgreSQL cluster for the tests that need one, in a
# temporary directory on a free loopback port, stopped (and removed) when the script exits, also
# when a test fails. As root the server runs as `nobody` (PostgreSQL refuses to run as root).

# postgres_bindir: the newest installed PostgreSQL's programs (Debian keeps them per version).
postgres_bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# start_postgres: starts the cluster and exports WEGWIJZER_TEST_POSTGRES (a postgres:// URL);
# returns 1, with one line saying so, when PostgreSQL is not installed or the cluster does not start.
start_postgres() {
    local bindir port
    bindir="$(postgres_bindir)"
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "postgres: skipped (PostgreSQL is not installed; as root scripts/setup --postgres installs it)" >&2
        return 1
    fi
    pg_bindir="$bindir"
    pg_dir="$(mktemp -d /tmp/wegwijzer-pg.XXXXXX)"
    pg_owner=""
    if [ "$(id -u)" -eq 0 ]; then
        pg_owner=nobody
        chown "$pg_owner" "$pg_dir"
    fi
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    trap stop_postgres EXIT
    # Locale C: text sorts by bytes, as SQLite sorts it (docs/operations.md asks the same of a
    # production database).
    as_postgres "$bindir/initdb" -D "$pg_dir/data" -U wegwijzer -A trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; echo "postgres: skipped (initdb failed, above)" >&2; stop_postgres; return 1; }
    # The server's options, kept for a restart with pg_ctl start (scripts/faults --postgres).
    pg_options="-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${WEGWIJZER_PG_OPTIONS:-}"
    as_postgres "$bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -o "$pg_options" start >/dev/null \
        || { cat "$pg_dir/server.log" >&2; echo "postgres: skipped (the server did not start, above)" >&2; stop_postgres; return 1; }
    export WEGWIJZER_TEST_POSTGRES="postgres://wegwijzer@127.0.0.1:$port/postgres"
    echo "postgres: a throwaway cluster on 127.0.0.1:$port" >&2
}

as_postgres() {
    if [ -n "$pg_owner" ]; then runuser -u "$pg_owner" -- "$@"; else "$@"; fi
}

stop_postgres() {
    [ -n "${pg_dir:-}" ] || return 0
    as_postgres "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
}
