#!/usr/bin/env bash
# Restores one mailer database from a dump written by backup.sh. The database is dropped
# (open connections are ended) and recreated from the dump with its owner, encoding and
# access rights, so stop the mailer that uses it first:
#
#   docker compose stop praxis-mailer
#   docker compose run --rm backup restore.sh --yes praxis            # newest dump
#   docker compose run --rm backup restore.sh --yes praxis /backups/praxis/praxis-20261122T023000Z.dump
#   docker compose start praxis-mailer
#
# Exit codes: 0 restored, 1 database error, 4 usage error or unusable dump (nothing changed).
# Environment: PGHOST PGPORT PGUSER PGPASSWORD_FILE BACKUP_DIR, as for backup.sh;
# BACKUP_AGE_IDENTITY_FILE (the age private key) for an encrypted dump (*.dump.age).
set -Eeuo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
export PGHOST=${PGHOST:-postgres} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10} PGAPPNAME=restore
WORK=""

log() { printf '%s restore %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
fail() { log "result=failed exit=$1 message=\"$2\""; exit "$1"; }
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-4}"; }

main() {
    local yes=false
    while [[ $# -gt 0 && $1 == -* ]]; do
        case $1 in
            --yes|-y) yes=true ;;
            --help|-h) usage 0 ;;
            *) fail 4 "unknown option $1" ;;
        esac
        shift
    done
    [[ $# -ge 1 && $# -le 2 ]] || usage
    local db=$1 dump=${2:-latest}
    [[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || fail 4 "not a database name: $db"

    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    if [[ -n ${PGPASSWORD_FILE:-} ]]; then
        [[ -r $PGPASSWORD_FILE ]] || fail 4 "PGPASSWORD_FILE $PGPASSWORD_FILE is not readable"
        printf '*:*:*:*:%s\n' "$(tr -d '\r\n' <"$PGPASSWORD_FILE" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')" >"$WORK/pgpass"
        chmod 600 "$WORK/pgpass"
        export PGPASSFILE="$WORK/pgpass"
    fi

    if [[ $dump == latest ]]; then
        dump=$({ find "$BACKUP_DIR/$db" -maxdepth 1 \( -name "$db-*.dump" -o -name "$db-*.dump.age" \) -printf '%T@ %p\n' 2>/dev/null || true; } \
            | sort -nr | awk 'NR == 1 { print $2 }')
        [[ -n $dump ]] || fail 4 "no dump of $db in $BACKUP_DIR/$db"
    fi
    [[ -r $dump ]] || fail 4 "cannot read $dump"
    if [[ $dump == *.age ]]; then
        # an encrypted dump (BACKUP_AGE_RECIPIENTS_FILE): the private key is needed, from a file
        [[ -r ${BACKUP_AGE_IDENTITY_FILE:-} ]] || fail 4 "$dump is encrypted: set BACKUP_AGE_IDENTITY_FILE to the age private key"
        age -d -i "$BACKUP_AGE_IDENTITY_FILE" -o "$WORK/dump" "$dump" 2>"$WORK/err" \
            || fail 4 "cannot decrypt $dump: $(tr '\n' ' ' <"$WORK/err")"
        dump="$WORK/dump"
    fi

    # the archive must be readable and must be a dump of this very database
    local toc="$WORK/toc" err="$WORK/err"
    pg_restore --list "$dump" >"$toc" 2>"$err" || fail 4 "$dump is not a pg_dump archive: $(tr '\n' ' ' <"$err")"
    local archived
    archived=$(awk -F': ' '/^;[[:space:]]+dbname:/ { print $2; exit }' "$toc")
    [[ $archived == "$db" ]] || fail 4 "$dump holds database '$archived', not '$db'"

    psql -X -At -d postgres -c 'SELECT 1' >/dev/null 2>"$err" || fail 1 "cannot connect: $(tr '\n' ' ' <"$err")"
    local exists
    exists=$(psql -X -At -d postgres -v db="$db" 2>"$err" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'db';
SQL
) || fail 1 "cannot query pg_database: $(tr '\n' ' ' <"$err")"
    if [[ $exists == 1 && $yes != true ]]; then
        fail 4 "database $db exists; add --yes to drop and replace it with $dump"
    fi

    log "restoring $db from $dump"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -v db="$db" >/dev/null 2>"$err" <<'SQL' || fail 1 "cannot drop $db: $(tr '\n' ' ' <"$err")"
DROP DATABASE IF EXISTS :"db" WITH (FORCE);
SQL
    # --create recreates the database as archived: owner, encoding, and its GRANT/REVOKE
    pg_restore --create --exit-on-error -d postgres "$dump" 2>"$err" \
        || fail 1 "pg_restore failed: $(tr '\n' ' ' <"$err")"

    local tables
    tables=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    log "result=success exit=0 database=$db tables=$tables dump=$dump"
}

main "$@"
