#!/usr/bin/env bash
# The backup service's main process: runs backup.sh once a day at BACKUP_SCHEDULE (HH:MM, in the
# container's TZ), and catches up on what a switched-off PC missed: a run is due when the last
# scheduled time has passed since the last run, or when the last good backup is older than
# BACKUP_MAX_AGE_HOURS (24) and the last attempt is over an hour old. A failed last run is tried
# again at start (restarting the service, or the PC, is how a person retries) and then hourly.
# BACKUP_ON_START=true runs once at start regardless. A failed run is logged and counted by backup.sh (log line, exit code,
# Prometheus textfile); the loop goes on. Stops cleanly on SIGTERM.
#
# With arguments it runs them instead, so the documented one-off commands work:
#   docker compose run --rm backup restore.sh --help
set -Eeuo pipefail

if [[ $# -gt 0 ]]; then
    exec "$@"
fi

BACKUP_SCHEDULE=${BACKUP_SCHEDULE:-02:30}
BACKUP_ON_START=${BACKUP_ON_START:-false}
BACKUP_MAX_AGE_HOURS=${BACKUP_MAX_AGE_HOURS:-24}
BACKUP_DATABASES=${BACKUP_DATABASES:-praxis ecom}
# how often the loop looks whether a run is due (seconds); short enough to notice a wake-up
BACKUP_CHECK_SECONDS=${BACKUP_CHECK_SECONDS:-300}
STATE="${BACKUP_METRICS_DIR:-${BACKUP_DIR:-/backups}}/backup.state"
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

state() { # state KEY -> value from backup.sh's state file, 0 when unknown
    [[ -r $STATE ]] || { echo 0; return; }
    awk -F= -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? 0 : v) }' "$STATE"
}

# the most recent BACKUP_SCHEDULE time that is not in the future
last_scheduled() {
    local now today
    now=$(date +%s)
    today=$(date -d "today $BACKUP_SCHEDULE" +%s)
    if (( today <= now )); then echo "$today"; else date -d "yesterday $BACKUP_SCHEDULE" +%s; fi
}

# prints why a run is due, or nothing
due() {
    local now last_run oldest_good db t
    now=$(date +%s)
    last_run=$(state last_run)
    oldest_good=$now
    for db in $BACKUP_DATABASES; do
        t=$(state "last_success_$db")
        (( t < oldest_good )) && oldest_good=$t
    done
    if (( last_run < $(last_scheduled) )); then
        echo "the run scheduled for $BACKUP_SCHEDULE has not happened"
    elif [[ $(state last_result) != 0 ]] && (( first || now - last_run > 3600 )); then
        echo "the last run failed (exit $(state last_result))"
    elif (( now - oldest_good > BACKUP_MAX_AGE_HOURS * 3600 && now - last_run > 3600 )); then
        echo "the last good backup is older than ${BACKUP_MAX_AGE_HOURS} h"
    fi
}

run() {
    local rc=0
    echo "backup-loop: running backup.sh: $1" >&2
    backup.sh || rc=$?
    echo "backup-loop: backup.sh exited with $rc" >&2
}

echo "backup-loop: daily backups at $BACKUP_SCHEDULE ($(date +%Z)), catching up on missed runs" >&2
# a fresh volume has no last run: the first backup is made at once
[[ $BACKUP_ON_START == true ]] && run "BACKUP_ON_START=true"
first=1
while true; do
    reason=$(due)
    [[ -n $reason ]] && run "$reason"
    first=0
    # sleep in the background so SIGTERM is handled at once
    sleep "$BACKUP_CHECK_SECONDS" &
    sleeper=$!
    wait "$sleeper" || true
    sleeper=""
done
