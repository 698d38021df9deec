#!/usr/bin/env bash
# Healthcheck of the backup service: healthy while the database answers, the backup volume is
# writable and the last run (if any) succeeded. A failed backup therefore shows up in
# `docker compose ps` and in scripts/healthcheck.sh, besides the BackupFailed alert.
set -uo pipefail
BACKUP_DIR=${BACKUP_DIR:-/backups}
state="${BACKUP_METRICS_DIR:-$BACKUP_DIR}/backup.prom"

pg_isready -q -h "${PGHOST:-postgres}" -p "${PGPORT:-5432}" -t 5 || { echo "database not reachable"; exit 1; }
[[ -w $BACKUP_DIR ]] || { echo "$BACKUP_DIR is not writable"; exit 1; }
if [[ -r $state ]]; then
    code=$(awk '$1 == "backup_last_exit_code" { print $2 }' "$state")
    [[ ${code:-0} == 0 ]] || { echo "last backup run failed with exit code $code"; exit 1; }
fi
echo ok
