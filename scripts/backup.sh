#!/usr/bin/env bash
# Dumps every mailer database with `pg_dump -Fc` into BACKUP_DIR/<db>/<db>-<UTC time>.dump and
# the mailers' attachment files (BACKUP_FILES_DIR) into BACKUP_DIR/files/files-<UTC time>.tar.gz,
# keeps BACKUP_RETENTION_DAYS days (never the newest good one), writes one log line per run and a
# Prometheus textfile for node-exporter. Optional: every file encrypted with age for the public
# keys in BACKUP_AGE_RECIPIENTS_FILE (then named *.age; restore.sh needs the private key), and a
# copy of each run in BACKUP_COPY_DIR (a mounted Windows folder or USB disk), rotated alike.
#
# Exit codes (the contract the backup service, alerts and OPS-CHECKS.md rely on):
#   0  every database dumped and verified
#   1  database error (unreachable, login refused, pg_dump failed, unreadable dump)
#   2  disk full: not enough free space before the run, or "no space left" during it
#   3  another run holds the lock (nothing was done)
#   4  configuration error (missing directory or password file, bad number)
#
# Environment: PGHOST PGPORT PGUSER (libpq), PGPASSWORD_FILE (a Docker secret),
# BACKUP_DIR, BACKUP_DATABASES, BACKUP_RETENTION_DAYS, BACKUP_MIN_FREE_MB,
# BACKUP_ESTIMATE_PERCENT, BACKUP_METRICS_DIR, BACKUP_LOG, BACKUP_FILES_DIR,
# BACKUP_AGE_RECIPIENTS_FILE, BACKUP_COPY_DIR, BACKUP_WAIT_SECONDS. See .env.example.
set -Eeuo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_DATABASES=${BACKUP_DATABASES:-praxis ecom}
BACKUP_RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-7}
# free space that must remain beyond the expected dump size
BACKUP_MIN_FREE_MB=${BACKUP_MIN_FREE_MB:-100}
# expected size of a compressed dump, in percent of the database's on-disk size
BACKUP_ESTIMATE_PERCENT=${BACKUP_ESTIMATE_PERCENT:-50}
BACKUP_METRICS_DIR=${BACKUP_METRICS_DIR:-}
BACKUP_FILES_DIR=${BACKUP_FILES_DIR:-}
BACKUP_AGE_RECIPIENTS_FILE=${BACKUP_AGE_RECIPIENTS_FILE:-}
# compose.yml names the secret file always; an empty one means: no encryption
if [[ -z $BACKUP_AGE_RECIPIENTS_FILE && -s ${BACKUP_AGE_RECIPIENTS:-} ]]; then
    BACKUP_AGE_RECIPIENTS_FILE=$BACKUP_AGE_RECIPIENTS
fi
BACKUP_COPY_DIR=${BACKUP_COPY_DIR:-}
BACKUP_LOG=${BACKUP_LOG:-$BACKUP_DIR/backup.log}
# how long a run waits for PostgreSQL to answer before it fails with exit 1: a server that is
# restarting, or a container engine whose name service is briefly busy (a container restarting
# beside it), is not yet a failed backup
BACKUP_WAIT_SECONDS=${BACKUP_WAIT_SECONDS:-60}
export PGHOST=${PGHOST:-postgres} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10} PGAPPNAME=backup

STARTED=$(date +%s)
WORK=""
# the dump this run is writing: the only partial file it may delete (a refused second run must
# not touch the running run's file)
PARTIAL=""
declare -A SIZE=() DUMPED=()

log() {
    local line
    line="$(date -u +%Y-%m-%dT%H:%M:%SZ) backup $*"
    printf '%s\n' "$line" >&2
    # the log shares the disk with the dumps: a full disk must not turn into a second error
    { printf '%s\n' "$line" >>"$BACKUP_LOG"; } 2>/dev/null || true
}

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

state_dir() { printf '%s' "${BACKUP_METRICS_DIR:-$BACKUP_DIR}"; }

# Reads a value from the state file that survives runs (counters, last success per database).
state_get() {
    local file key=$1
    file="$(state_dir)/backup.state"
    [[ -r $file ]] || { echo 0; return; }
    awk -F= -v k="$key" '$1 == k { v = $2 } END { print (v == "" ? 0 : v) }' "$file"
}

write_metrics() {
    local code=$1 result=$2 now dir file tmp db key
    now=$(date +%s)
    dir=$(state_dir)
    declare -A state=()
    for key in success db_error disk_full locked config_error; do
        state["runs_$key"]=$(state_get "runs_$key")
    done
    state["runs_$result"]=$(( ${state["runs_$result"]} + 1 ))
    # backup-loop.sh catches up on missed runs from these two
    state["last_run"]=$now
    state["last_result"]=$code
    for db in $BACKUP_DATABASES; do
        state["last_success_$db"]=$(state_get "last_success_$db")
        state["size_$db"]=$(state_get "size_$db")
        if [[ -n ${DUMPED[$db]:-} ]]; then
            state["last_success_$db"]=$now
            state["size_$db"]=${SIZE[$db]}
        fi
    done
    # write-then-rename, and only a complete file replaces the old one
    if { for key in "${!state[@]}"; do printf '%s=%s\n' "$key" "${state[$key]}"; done; } \
        >"$dir/backup.state.tmp" 2>/dev/null; then
        mv -f "$dir/backup.state.tmp" "$dir/backup.state" 2>/dev/null || true
    else
        rm -f "$dir/backup.state.tmp"
    fi

    [[ -n $BACKUP_METRICS_DIR ]] || return 0
    file="$BACKUP_METRICS_DIR/backup.prom"
    tmp="$file.$$"
    if ! {
        echo "# HELP backup_last_run_timestamp_seconds Unix time the last backup run ended."
        echo "# TYPE backup_last_run_timestamp_seconds gauge"
        echo "backup_last_run_timestamp_seconds $now"
        echo "# HELP backup_last_exit_code Exit code of the last run: 0 ok, 1 database, 2 disk full, 3 locked, 4 configuration."
        echo "# TYPE backup_last_exit_code gauge"
        echo "backup_last_exit_code $code"
        echo "# HELP backup_last_duration_seconds Duration of the last backup run."
        echo "# TYPE backup_last_duration_seconds gauge"
        echo "backup_last_duration_seconds $(( now - STARTED ))"
        echo "# HELP backup_runs_total Backup runs by result."
        echo "# TYPE backup_runs_total counter"
        for key in success db_error disk_full locked config_error; do
            echo "backup_runs_total{result=\"$key\"} ${state["runs_$key"]}"
        done
        echo "# HELP backup_last_success_timestamp_seconds Unix time of the newest good dump per database."
        echo "# TYPE backup_last_success_timestamp_seconds gauge"
        for db in $BACKUP_DATABASES; do
            echo "backup_last_success_timestamp_seconds{database=\"$db\"} ${state["last_success_$db"]}"
        done
        echo "# HELP backup_size_bytes Size of the newest good dump per database."
        echo "# TYPE backup_size_bytes gauge"
        for db in $BACKUP_DATABASES; do
            echo "backup_size_bytes{database=\"$db\"} ${state["size_$db"]}"
        done
    } >"$tmp" 2>/dev/null; then
        rm -f "$tmp"
        return 0
    fi
    mv -f "$tmp" "$file" 2>/dev/null || rm -f "$tmp"
}

finish() {
    trap - ERR
    local code=$1 message=$2 result
    case $code in
        0) result=success ;; 1) result=db_error ;; 2) result=disk_full ;;
        3) result=locked ;; *) result=config_error ;;
    esac
    write_metrics "$code" "$result"
    local bytes=0 db
    for db in "${!SIZE[@]}"; do bytes=$(( bytes + SIZE[$db] )); done
    log "result=$result exit=$code databases=\"$BACKUP_DATABASES\" bytes=$bytes seconds=$(( $(date +%s) - STARTED )) message=\"$message\""
    exit "$code"
}

# shellcheck disable=SC2317  # called by traps
cleanup() {
    if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
    if [[ -n $PARTIAL ]]; then rm -f "$PARTIAL"; fi
}

free_kb() { df -Pk "$BACKUP_DIR" | awk 'NR == 2 { print $4 }'; }

# "no space left" or a full file system: the dump failed because the disk is full
disk_full() { grep -qiE 'no space left|disk full|quota exceeded' "$1" || [[ $(free_kb) -le 0 ]]; }

check_config() {
    [[ -d $BACKUP_DIR && -w $BACKUP_DIR ]] || finish 4 "BACKUP_DIR $BACKUP_DIR is not a writable directory"
    local n
    for n in "$BACKUP_RETENTION_DAYS" "$BACKUP_MIN_FREE_MB" "$BACKUP_ESTIMATE_PERCENT" "$BACKUP_WAIT_SECONDS"; do
        is_uint "$n" || finish 4 "not a whole number: $n"
    done
    [[ -n $BACKUP_DATABASES ]] || finish 4 "BACKUP_DATABASES is empty"
    if [[ -n $BACKUP_FILES_DIR && ! -d $BACKUP_FILES_DIR ]]; then
        finish 4 "BACKUP_FILES_DIR $BACKUP_FILES_DIR is not a directory"
    fi
    if [[ -n $BACKUP_AGE_RECIPIENTS_FILE ]] && ! { [[ -r $BACKUP_AGE_RECIPIENTS_FILE ]] && command -v age >/dev/null; }; then
        finish 4 "BACKUP_AGE_RECIPIENTS_FILE $BACKUP_AGE_RECIPIENTS_FILE is not readable, or age is missing"
    fi
    if [[ -n $BACKUP_COPY_DIR && ! -w $BACKUP_COPY_DIR ]]; then
        finish 4 "BACKUP_COPY_DIR $BACKUP_COPY_DIR is not a writable directory"
    fi
    if [[ -n $BACKUP_METRICS_DIR && ! -w $BACKUP_METRICS_DIR ]]; then
        finish 4 "BACKUP_METRICS_DIR $BACKUP_METRICS_DIR is not writable"
    fi
    if [[ -n ${PGPASSWORD_FILE:-} ]]; then
        [[ -r $PGPASSWORD_FILE ]] || finish 4 "PGPASSWORD_FILE $PGPASSWORD_FILE is not readable"
        # a private pgpass file keeps the password out of the environment and the process list
        local escaped
        escaped=$(tr -d '\r\n' <"$PGPASSWORD_FILE" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')
        printf '*:*:*:*:%s\n' "$escaped" >"$WORK/pgpass"
        chmod 600 "$WORK/pgpass"
        export PGPASSFILE="$WORK/pgpass"
    fi
}

# Anything this script did not foresee still ends with a code of the contract and a log line.
# shellcheck disable=SC2317  # called by the ERR trap
on_error() {
    trap - ERR
    local free
    free=$(free_kb 2>/dev/null || echo 1)
    if [[ $free -le 0 ]]; then finish 2 "disk full (during): command failed at line $1"; fi
    finish 1 "unexpected failure at line $1"
}

# pg_isready: 0 accepting, 1 starting or shutting down, 2 no answer (also: name not resolved);
# it does not log in, so a refused login still fails at once in the query after it
await_server() {
    local deadline=$(( $(date +%s) + BACKUP_WAIT_SECONDS ))
    until pg_isready -q -d "${BACKUP_DATABASES%% *}"; do
        # after the deadline the query below fails with libpq's reason
        (( $(date +%s) < deadline )) || return 0
        sleep 2
    done
}

main() {
    WORK=$(mktemp -d)
    trap cleanup EXIT
    trap 'on_error $LINENO' ERR
    check_config

    exec 9>>"$BACKUP_DIR/.backup.lock"
    flock -n 9 || finish 3 "another backup run holds $BACKUP_DIR/.backup.lock"
    # holding the lock, no other run is writing: partial dumps left by a killed run can go
    find "$BACKUP_DIR" -name '*.dump.partial' -delete 2>/dev/null || true

    local db total_kb=0 size err="$WORK/err"
    await_server
    for db in $BACKUP_DATABASES; do
        if ! size=$(psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c 'SELECT pg_database_size(current_database())' 2>"$err"); then
            finish 1 "database $db: $(tr '\n' ' ' <"$err")"
        fi
        total_kb=$(( total_kb + size / 1024 ))
    done

    local need_kb have_kb
    need_kb=$(( BACKUP_MIN_FREE_MB * 1024 + total_kb * BACKUP_ESTIMATE_PERCENT / 100 ))
    have_kb=$(free_kb)
    if (( have_kb < need_kb )); then
        finish 2 "disk full (checked before): $(( have_kb / 1024 )) MB free in $BACKUP_DIR, $(( need_kb / 1024 )) MB needed"
    fi

    local stamp file
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    for db in $BACKUP_DATABASES; do
        if ! mkdir -p "$BACKUP_DIR/$db" 2>"$err"; then
            disk_full "$err" && finish 2 "disk full (during): $(tr '\n' ' ' <"$err")"
            finish 4 "cannot create $BACKUP_DIR/$db: $(tr '\n' ' ' <"$err")"
        fi
        file="$BACKUP_DIR/$db/$db-$stamp.dump"
        PARTIAL="$file.partial"
        if ! pg_dump -Fc -d "$db" -f "$file.partial" 2>"$err"; then
            disk_full "$err" && finish 2 "disk full (during) dumping $db: $(tr '\n' ' ' <"$err")"
            finish 1 "pg_dump $db failed: $(tr '\n' ' ' <"$err")"
        fi
        # a dump that pg_restore cannot list is no backup
        if ! pg_restore --list "$file.partial" >/dev/null 2>"$err"; then
            finish 1 "dump of $db is unreadable: $(tr '\n' ' ' <"$err")"
        fi
        file=$(seal "$file.partial" "$file") || finish 1 "encrypting the dump of $db failed"
        SIZE[$db]=$(stat -c %s "$file")
        DUMPED[$db]=1
        copy "$db" "$file"
    done

    if [[ -n $BACKUP_FILES_DIR ]]; then
        mkdir -p "$BACKUP_DIR/files"
        file="$BACKUP_DIR/files/files-$stamp.tar.gz"
        PARTIAL="$file.partial"
        # quarantined files are malware: they stay out of every backup
        if ! tar -C "$BACKUP_FILES_DIR" --exclude=quarantine -czf "$file.partial" . 2>"$err"; then
            disk_full "$err" && finish 2 "disk full (during) archiving the attachment files: $(tr '\n' ' ' <"$err")"
            finish 1 "archiving the attachment files failed: $(tr '\n' ' ' <"$err")"
        fi
        file=$(seal "$file.partial" "$file") || finish 1 "encrypting the attachment archive failed"
        copy files "$file"
    fi

    for db in $BACKUP_DATABASES files; do
        rotate "$BACKUP_DIR/$db" "$db"
        [[ -z $BACKUP_COPY_DIR ]] || rotate "$BACKUP_COPY_DIR/$db" "$db"
    done
    finish 0 "ok"
}

# seal PARTIAL FINAL: the finished file, encrypted for BACKUP_AGE_RECIPIENTS_FILE when set; prints its name
seal() {
    if [[ -z $BACKUP_AGE_RECIPIENTS_FILE ]]; then
        mv -f "$1" "$2"
        PARTIAL=""
        printf '%s' "$2"
        return
    fi
    age -R "$BACKUP_AGE_RECIPIENTS_FILE" -o "$2.age.partial" "$1" || { rm -f "$2.age.partial"; return 1; }
    rm -f "$1"
    mv -f "$2.age.partial" "$2.age"
    PARTIAL=""
    printf '%s' "$2.age"
}

# copy KIND FILE: the off-machine copy (BACKUP_COPY_DIR), written under a temporary name first
copy() {
    [[ -n $BACKUP_COPY_DIR ]] || return 0
    local name
    name=$(basename "$2")
    if ! { mkdir -p "$BACKUP_COPY_DIR/$1" && cp -p "$2" "$BACKUP_COPY_DIR/$1/.$name.partial" \
        && mv -f "$BACKUP_COPY_DIR/$1/.$name.partial" "$BACKUP_COPY_DIR/$1/$name"; }; then
        log "copy of $name to $BACKUP_COPY_DIR failed"
    fi
}

# rotate DIR PREFIX: deletes backups older than the retention time but always keeps the newest
# one, so a week of failed runs never leaves a database without any backup.
rotate() {
    local dir=$1 prefix=$2 newest
    [[ -d $dir ]] || return 0
    newest=$(find "$dir" -maxdepth 1 -name "$prefix-*" ! -name '*.partial' -printf '%T@ %p\n' | sort -nr | awk 'NR == 1 { print $2 }')
    [[ -n $newest ]] || return 0
    find "$dir" -maxdepth 1 -name "$prefix-*" ! -name '*.partial' ! -path "$newest" \
        -mmin +$(( BACKUP_RETENTION_DAYS * 24 * 60 )) -print -delete | while read -r old; do
        log "rotated $old"
    done
}

main "$@"
