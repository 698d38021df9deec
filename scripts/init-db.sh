#!/usr/bin/env bash
# Creates the mailers' databases and login roles on a fresh PostgreSQL data volume, one of each
# for every mailer in mailers.txt. The postgres image runs it once from /docker-entrypoint-initdb.d;
# it can also be run by hand against any server (PGHOST, PGPORT, PGUSER). It runs
# scripts/init-db.sql once per mailer with the password read from its Docker secret and handed to
# psql as a variable on standard input, so no password appears in a file, an argument or the
# process list. Then it adds the read-only monitoring role used by postgres-exporter.
#
# Environment: <NAME>_DB_PASSWORD_FILE for each mailer (the name in upper case, - as _),
# EXPORTER_DB_PASSWORD_FILE (optional: no exporter role without it), INIT_DB_MAILERS (default:
# mailers.txt in the repository), INIT_DB_SQL (default: init-db.sql beside this script).

# A subshell body: the postgres image sources non-executable scripts, and `exit` or `set -e`
# must never leak into its entrypoint.
init_db() (
    set -Eeuo pipefail
    local here sql list
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    sql=${INIT_DB_SQL:-$here/init-db.sql}
    list=${INIT_DB_MAILERS:-$here/../mailers.txt}
    [[ -r $sql ]] || { echo "init-db: cannot read $sql" >&2; return 1; }
    [[ -r $list ]] || { echo "init-db: cannot read the list of mailers $list" >&2; return 1; }

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

    # one profile name a line; '#' starts a comment
    local mailers=() mailer
    mapfile -t mailers < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list")
    [[ ${#mailers[@]} -gt 0 ]] || { echo "init-db: $list names no mailer" >&2; return 1; }
    local -A password
    for mailer in "${mailers[@]}"; do
        [[ $mailer =~ ^[a-z][a-z0-9-]{0,30}$ ]] || { echo "init-db: '$mailer' in $list is no profile name" >&2; return 1; }
        # my-shop -> MY_SHOP_DB_PASSWORD_FILE
        password[$mailer]=$(secret "$(tr 'a-z-' 'A-Z_' <<<"$mailer")_DB_PASSWORD_FILE")
    done
    local psql=(psql -X -q -v ON_ERROR_STOP=1 --no-password --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname postgres)

    {
        for mailer in "${mailers[@]}"; do
            printf '\\set mailer %s\n' "$mailer"
            printf '\\set password %s\n' "$(psql_literal "${password[$mailer]}")"
            cat "$sql"
        done
    } | "${psql[@]}"
    echo "init-db: databases ${mailers[*]} with their roles are in place" >&2

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
