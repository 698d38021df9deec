#!/usr/bin/env bash
# Creates the mailers' databases and login roles on a fresh PostgreSQL data volume. The postgres
# image runs it once from /docker-entrypoint-initdb.d; it can also be run by hand against any
# server (PGHOST, PGPORT, PGUSER). It runs scripts/init-db.sql with the passwords read from
# Docker secrets and handed to psql as variables on standard input, so no password appears in a
# file, an argument or the process list. Then it adds the read-only monitoring role used by
# postgres-exporter.
#
# Environment: PRAXIS_DB_PASSWORD_FILE, ECOM_DB_PASSWORD_FILE, EXPORTER_DB_PASSWORD_FILE
# (optional: no exporter role without it), INIT_DB_SQL (default: init-db.sql beside this script).

# A subshell body: the postgres image sources non-executable scripts, and `exit` or `set -e`
# must never leak into its entrypoint.
init_db() (
    set -Eeuo pipefail
    local here sql
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    sql=${INIT_DB_SQL:-$here/init-db.sql}
    [[ -r $sql ]] || { echo "init-db: cannot read $sql" >&2; return 1; }

    # psql meta-command quoting: inside '...' a quote is doubled and a backslash escapes
    psql_literal() {
        local value
        value=$(tr -d '\r\n' <"$1")
        value=${value//\\/\\\\}
        value=${value//\'/\'\'}
        printf "'%s'" "$value"
    }
    secret() {
        local var=$1 file
        file=${!var:-}
        [[ -n $file && -r $file ]] || { echo "init-db: $var must name a readable secret file" >&2; return 1; }
        [[ -s $file ]] || { echo "init-db: the secret file named by $var is empty" >&2; return 1; }
        printf '%s' "$file"
    }

    local praxis ecom
    praxis=$(secret PRAXIS_DB_PASSWORD_FILE)
    ecom=$(secret ECOM_DB_PASSWORD_FILE)
    local psql=(psql -X -q -v ON_ERROR_STOP=1 --no-password --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname postgres)

    {
        printf '\\set praxis_password %s\n' "$(psql_literal "$praxis")"
        printf '\\set ecom_password %s\n' "$(psql_literal "$ecom")"
        cat "$sql"
    } | "${psql[@]}"
    echo "init-db: databases praxis and ecom with their roles are in place" >&2

    if [[ -n ${EXPORTER_DB_PASSWORD_FILE:-} ]]; then
        local exporter
        exporter=$(secret EXPORTER_DB_PASSWORD_FILE)
        {
            printf '\\set exporter_password %s\n' "$(psql_literal "$exporter")"
            cat <<'SQL'
\set ON_ERROR_STOP on
-- read-only statistics for postgres-exporter; no access to any mailer's data
SELECT format('CREATE ROLE exporter LOGIN PASSWORD %L CONNECTION LIMIT 3 IN ROLE pg_monitor', :'exporter_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'exporter') \gexec
SQL
        } | "${psql[@]}"
        echo "init-db: monitoring role exporter is in place" >&2
    fi
)

init_db
