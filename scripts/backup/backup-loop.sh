#!/usr/bin/env bash
# The backup service's main process: runs backup.sh once a day at BACKUP_SCHEDULE (HH:MM, in
# the container's TZ), and at start when BACKUP_ON_START=true. A failed run is logged and
# counted by backup.sh (log line, exit code, Prometheus textfile); the loop goes on, so the
# next day's run is never lost. Stops cleanly on SIGTERM.
set -Eeuo pipefail

BACKUP_SCHEDULE=${BACKUP_SCHEDULE:-02:30}
BACKUP_ON_START=${BACKUP_ON_START:-false}
[[ $BACKUP_SCHEDULE =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || {
    echo "backup-loop: BACKUP_SCHEDULE must be HH:MM, not '$BACKUP_SCHEDULE'" >&2
    exit 4
}

sleeper=""
# shellcheck disable=SC2317  # called by the trap
stop() {
    [[ -n $sleeper ]] && kill "$sleeper" 2>/dev/null
    exit 0
}
trap stop TERM INT

seconds_until() {
    local now next
    now=$(date +%s)
    next=$(date -d "today $1" +%s)
    (( next > now )) || next=$(date -d "tomorrow $1" +%s)
    echo $(( next - now ))
}

run() {
    local rc=0
    backup.sh || rc=$?
    echo "backup-loop: backup.sh exited with $rc; next run at $BACKUP_SCHEDULE" >&2
}

echo "backup-loop: daily backups at $BACKUP_SCHEDULE ($(date +%Z))" >&2
[[ $BACKUP_ON_START == true ]] && run
while true; do
    # sleep in the background so SIGTERM is handled at once
    sleep "$(seconds_until "$BACKUP_SCHEDULE")" &
    sleeper=$!
    wait "$sleeper" || true
    sleeper=""
    run
done
