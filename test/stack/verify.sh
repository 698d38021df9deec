#!/usr/bin/env bash
# Verifies the operator's stack without a Docker engine: every file is checked by the real tool
# for its kind, and the backup scripts run against a real PostgreSQL.
#
#   bash test/stack/verify.sh
#
# Installs what it lacks (Debian packages once, npm packages into test/stack/node_modules),
# prints one PASS/FAIL line per check, ends with "N passed, N failed" and exits non-zero on any
# failure. It uses only 127.0.0.1 and stops everything it started, also on failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/test/stack"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stack-verify.XXXXXX")
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PASSED=0
FAILED=0
PG_STARTED=""
MOUNTS=()
BG_PIDS=()

cleanup() {
    local pid m
    for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    if [[ -n $PG_STARTED ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1
    fi
    for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# check NAME COMMAND...: one PASS/FAIL line (test/lib/check.sh)
# shellcheck source=test/lib/check.sh
source "$ROOT/test/lib/check.sh"

# ---------------------------------------------------------------- tools
APT_UPDATED=""
need_pkg() { # need_pkg COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ -z $APT_UPDATED ]]; then
        apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

install_tools() {
    need_pkg promtool prometheus &&
    need_pkg amtool prometheus-alertmanager &&
    need_pkg yamllint yamllint &&
    need_pkg shellcheck shellcheck &&
    need_pkg docker-compose docker-compose &&
    need_pkg jq jq &&
    need_pkg curl curl &&
    need_pkg python3 python3 &&
    need_pkg flock util-linux &&
    need_pkg age age &&
    need_pg_server &&
    need_pkg pg_dump postgresql-client-15 &&
    need_pkg npm npm &&
    install_npm
}

need_pg_server() {
    [[ -x $PG_BIN/initdb ]] && return 0
    need_pkg /nonexistent/initdb postgresql-15 || return 1
    [[ -x $PG_BIN/initdb ]] || { echo "no PostgreSQL server binaries in $PG_BIN"; return 1; }
}

install_npm() {
    [[ -d $HERE/node_modules/ajv && -d $HERE/node_modules/yaml && -d $HERE/node_modules/re2-wasm \
        && -f $HERE/node_modules/dclint/schemas/compose.schema.json ]] && return 0
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
}

# ---------------------------------------------------------------- compose
# Debian's docker-compose 1.29 predates some Compose-spec keys; validate a copy without them.
compose_legacy() {
    python3 "$HERE/strip_compose.py" "$ROOT/compose.yml" >"$WORK/compose-legacy.yml" || return 1
    # relative paths (./secrets, ./monitoring) resolve against the repository, as for compose.yml
    docker-compose --project-directory "$ROOT" -f "$WORK/compose-legacy.yml" --env-file "$ROOT/.env.example" \
        --profile s3 --profile automation --profile scale config -q
}

compose_schema() { node "$HERE/compose-schema.mjs" "$ROOT/compose.yml"; }

policy() { python3 "$HERE/policy.py" "$ROOT/compose.yml"; }

# the checker must catch what it claims to catch
policy_selftest() {
    local out
    out=$(python3 "$HERE/policy.py" "$HERE/fixtures/bad-compose.yml" 2>&1) && { echo "bad compose passed"; return 1; }
    local rule
    for rule in ports secrets healthcheck limits user restart privileges logging volumes read_only images depends_on; do
        grep -q "^FAIL: policy $rule" <<<"$out" || { echo "$out"; echo "policy $rule did not fail"; return 1; }
    done
}

env_documented() { python3 "$HERE/env_documented.py" "$ROOT/compose.yml" "$ROOT/.env.example"; }

dockerfile_static() { python3 "$HERE/dockerfile_check.py" "$ROOT"; }

mailers_agree() { python3 "$HERE/mailers.py" "$ROOT"; }

# a mailer added to the list but not to the files is named wherever it is missing
mailers_selftest() {
    local out
    printf '%s\nclinic\n' "$(cat "$ROOT/mailers.txt")" >"$WORK/mailers-plus.txt"
    out=$(python3 "$HERE/mailers.py" "$ROOT" "$WORK/mailers-plus.txt" 2>&1) && { echo "$out"; echo "a missing mailer passed"; return 1; }
    local where
    for where in "compose.yml: mailer services" "compose.yml postgres: CLINIC_DB_PASSWORD_FILE" "compose.yml backup" \
        "monitoring/prometheus.yml: job mailer" "MailerMissing: absent()"; do
        grep -qF "$where" <<<"$out" || { echo "$out"; echo "not reported: $where"; return 1; }
    done
}

no_secrets_committed() {
    local tracked
    tracked=$(git -C "$ROOT" ls-files -- 'secrets/*' '.env' '*.pem' '*.key' 2>/dev/null)
    [[ -z $tracked ]] || { echo "tracked secret files: $tracked"; return 1; }
    if ! git -C "$ROOT" check-ignore -q secrets/x || ! git -C "$ROOT" check-ignore -q .env; then
        echo ".gitignore must ignore secrets/ and .env"; return 1
    fi
    grep -qxF 'secrets' "$ROOT/.dockerignore" 2>/dev/null || grep -qx '\*' "$ROOT/.dockerignore" \
        || { echo ".dockerignore must keep secrets out of the build context"; return 1; }
}

# ---------------------------------------------------------------- monitoring
prom_config() {
    # promtool resolves rule_files relative to the config file, exactly as Prometheus does
    promtool check config "$ROOT/monitoring/prometheus.yml"
}
prom_rules() { promtool check rules "$ROOT/monitoring/prometheus-rules.yml"; }
prom_rule_tests() { (cd "$ROOT/monitoring" && promtool test rules tests/prometheus-rules.test.yml); }

# every alerting rule has at least one unit test that expects it to fire
alerts_tested() {
    python3 - "$ROOT/monitoring/prometheus-rules.yml" "$ROOT/monitoring/tests/prometheus-rules.test.yml" <<'PY'
import sys, yaml
rules = yaml.safe_load(open(sys.argv[1]))
tests = yaml.safe_load(open(sys.argv[2]))
alerts = {r["alert"] for g in rules["groups"] for r in g["rules"] if "alert" in r}
fired = set()
for t in tests["tests"]:
    for a in t.get("alert_rule_test", []):
        if a.get("exp_alerts"):
            fired.add(a["alertname"])
missing = sorted(alerts - fired)
if missing:
    sys.exit("alerts without a firing test: " + ", ".join(missing))
print(f"{len(alerts)} alerts, each with a firing test")
PY
}

# alertmanager.yml as alertmanager-start.sh writes it at start (with its defaults), the
# template beside it; then every template of the alert mail renders
# every alert has its runbook section, which the alert mail links (docs/alerts.md#<name in lower case>)
alerts_documented() {
    python3 - "$ROOT/monitoring/prometheus-rules.yml" "$ROOT/docs/alerts.md" <<'PY'
import re, sys, yaml
rules = yaml.safe_load(open(sys.argv[1]))
alerts = {r["alert"].lower() for g in rules["groups"] for r in g["rules"] if "alert" in r}
sections = set(re.findall(r"^### (\S+)$", open(sys.argv[2]).read(), re.M))
missing = sorted(alerts - sections)
if missing:
    sys.exit("alerts without a section in docs/alerts.md: " + ", ".join(missing))
print(f"{len(alerts)} alerts, each with its runbook section")
PY
}

# shellcheck disable=SC2016  # the ${ALERT_...} placeholders are literal text
am_config() {
    mkdir -p "$WORK/am"
    sed -e 's|${ALERT_SMTP_HOST}|mailpit:1025|' -e 's|${ALERT_MAIL_FROM}|alertmanager@docker-agents.local|' \
        -e 's|${ALERT_MAIL_TO}|operator@docker-agents.local|g' -e 's|${ALERT_SMTP_USER}||' \
        -e 's|${ALERT_SMTP_REQUIRE_TLS}|false|' -e "s|/etc/docker-agents/alert-mail.tmpl|$ROOT/monitoring/alert-mail.tmpl|" \
        "$ROOT/monitoring/alertmanager.yml" >"$WORK/am/alertmanager.yml"
    ! grep -n '\${' "$WORK/am/alertmanager.yml" || { echo "a placeholder alertmanager-start.sh does not fill"; return 1; }
    amtool check-config "$WORK/am/alertmanager.yml" || return 1
    local t
    for t in mail.subject mail.text watchdog.subject watchdog.text; do
        amtool template render --template.glob="$ROOT/monitoring/alert-mail.tmpl" --template.text="{{ template \"$t\" . }}" \
            >"$WORK/am/$t.txt" || return 1
        [[ -s $WORK/am/$t.txt ]] || { echo "template $t renders nothing"; return 1; }
    done
    grep -q 'docs/alerts.md#' "$WORK/am/mail.text.txt" || { echo "no runbook link in the alert mail"; return 1; }
}

yaml_lint() {
    local files=()
    mapfile -t files < <(cd "$ROOT" && git ls-files --cached --others --exclude-standard -- '*.yml' '*.yaml')
    (cd "$ROOT" && yamllint -s -c "$HERE/yamllint.yml" "${files[@]}")
}

dashboards_static() { python3 "$HERE/dashboards.py" check "$ROOT/monitoring/grafana/dashboards"; }

# every panel query is accepted by a real Prometheus (the Debian binary, empty, on 127.0.0.1)
dashboards_promql() {
    local port pid rc=0
    port=$(free_port)
    mkdir -p "$WORK/prom"
    printf 'global:\n  scrape_interval: 1m\nscrape_configs: []\n' >"$WORK/prom/prometheus.yml"
    prometheus --config.file="$WORK/prom/prometheus.yml" --storage.tsdb.path="$WORK/prom/data" \
        --web.listen-address="127.0.0.1:$port" >"$WORK/prom/log" 2>&1 &
    pid=$!
    BG_PIDS+=("$pid")
    local _
    for _ in $(seq 100); do
        curl -fsS "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
        sleep 0.1
    done
    bash "$HERE/dashboard-queries.sh" --syntax-only "http://127.0.0.1:$port" || rc=$?
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return $rc
}

scrubbing() { node "$HERE/scrub_test.mjs" "$ROOT/monitoring/promtail-config.yml"; }

shell_check() {
    local files=()
    # not the scripts vendored unchanged from upstream images (test/containers/images: the PostgreSQL
    # entry point, Open Liberty's helpers)
    mapfile -t files < <(cd "$ROOT" && git ls-files --cached --others --exclude-standard -- '*.sh' \
        ':!test/containers/images/postgres/docker-*.sh' ':!test/containers/images/liberty/helpers/**')
    (cd "$ROOT" && shellcheck -x "${files[@]}")
}

# ---------------------------------------------------------------- PostgreSQL
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_pg() {
    mkdir -p "$WORK/pg" "$WORK/secrets"
    # passwords with the characters that break naive quoting: ' \ : and a space
    printf '%s' "sup'er:se\\cret pw" >"$WORK/secrets/postgres_password"
    printf '%s' "pra'xis\\pw:1" >"$WORK/secrets/praxis_db_password"
    printf '%s' 'ecom pw' >"$WORK/secrets/ecom_db_password"
    printf '%s' 'exporter-pw' >"$WORK/secrets/exporter_db_password"
    [[ $(id -u) == 0 ]] && chown -R postgres "$WORK/pg"
    chmod 755 "$WORK"
    PGPORT_TEST=$(free_port)
    as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -E UTF8 --auth-local=trust \
        --auth-host=scram-sha-256 --pwfile="$WORK/secrets/postgres_password" >/dev/null || return 1
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 30 start \
        -o "-p $PGPORT_TEST -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null || return 1
    PG_STARTED=1
    export BACKUP_DIR="$WORK/backups"
    export PGHOST=127.0.0.1 PGPORT=$PGPORT_TEST PGUSER=postgres PGPASSWORD_FILE="$WORK/secrets/postgres_password"
    export PGCONNECT_TIMEOUT=5
}

# psql as the superuser over TCP with the password from the secret file
sql() { PGPASSWORD=$(cat "$WORK/secrets/postgres_password") psql -X -At -v ON_ERROR_STOP=1 "$@"; }

init_db() {
    PRAXIS_DB_PASSWORD_FILE="$WORK/secrets/praxis_db_password" ECOM_DB_PASSWORD_FILE="$WORK/secrets/ecom_db_password" \
        EXPORTER_DB_PASSWORD_FILE="$WORK/secrets/exporter_db_password" \
        PGPASSWORD=$(cat "$WORK/secrets/postgres_password") bash "$ROOT/scripts/init-db.sh" || return 1
    # run twice: the second run must change nothing and fail on nothing
    PRAXIS_DB_PASSWORD_FILE="$WORK/secrets/praxis_db_password" ECOM_DB_PASSWORD_FILE="$WORK/secrets/ecom_db_password" \
        PGPASSWORD=$(cat "$WORK/secrets/postgres_password") bash "$ROOT/scripts/init-db.sh" || return 1
    # each role logs in with its secret, over TCP with scram, into its own database only
    PGPASSWORD=$(cat "$WORK/secrets/praxis_db_password") psql -X -At -U praxis_mailer -d praxis -c 'SELECT 1' || return 1
    PGPASSWORD=$(cat "$WORK/secrets/ecom_db_password") psql -X -At -U ecom_mailer -d ecom -c 'SELECT 1' || return 1
    PGPASSWORD=$(cat "$WORK/secrets/exporter_db_password") psql -X -At -U exporter -d postgres \
        -c 'SELECT count(*) FROM pg_stat_database' || return 1
    if PGPASSWORD=$(cat "$WORK/secrets/praxis_db_password") psql -X -At -U praxis_mailer -d ecom -c 'SELECT 1' 2>/dev/null; then
        echo "praxis_mailer must not reach the ecom database"; return 1
    fi
}

# a third mailer is one more line in the list (and its secret): its database and role appear
init_db_third() {
    printf 'praxis\necom\n# the third\nclinic\n' >"$WORK/mailers-3.txt"
    printf '%s' "cli'nic pw" >"$WORK/secrets/clinic_db_password"
    INIT_DB_MAILERS="$WORK/mailers-3.txt" CLINIC_DB_PASSWORD_FILE="$WORK/secrets/clinic_db_password" \
        PRAXIS_DB_PASSWORD_FILE="$WORK/secrets/praxis_db_password" ECOM_DB_PASSWORD_FILE="$WORK/secrets/ecom_db_password" \
        PGPASSWORD=$(cat "$WORK/secrets/postgres_password") bash "$ROOT/scripts/init-db.sh" || return 1
    PGPASSWORD=$(cat "$WORK/secrets/clinic_db_password") psql -X -At -U clinic_mailer -d clinic -c 'SELECT 1' || return 1
    if PGPASSWORD=$(cat "$WORK/secrets/clinic_db_password") psql -X -At -U clinic_mailer -d praxis -c 'SELECT 1' 2>/dev/null; then
        echo "clinic_mailer must not reach the praxis database"; return 1
    fi
    # without its secret the run stops, naming the variable
    local out
    out=$(INIT_DB_MAILERS="$WORK/mailers-3.txt" PRAXIS_DB_PASSWORD_FILE="$WORK/secrets/praxis_db_password" \
        ECOM_DB_PASSWORD_FILE="$WORK/secrets/ecom_db_password" \
        PGPASSWORD=$(cat "$WORK/secrets/postgres_password") bash "$ROOT/scripts/init-db.sh" 2>&1) && { echo "ran without CLINIC_DB_PASSWORD_FILE"; return 1; }
    grep -q 'CLINIC_DB_PASSWORD_FILE must name a readable secret file' <<<"$out" || { echo "$out"; return 1; }
}

# tables shaped like the mailer's, owned by the mailer role, with rows to count
seed_data() {
    PGPASSWORD=$(cat "$WORK/secrets/praxis_db_password") psql -X -q -v ON_ERROR_STOP=1 -U praxis_mailer -d praxis <<'SQL' || return 1
CREATE TABLE mail_message (id bigserial PRIMARY KEY, subject text, body text, received_at timestamptz DEFAULT now());
CREATE TABLE mail_raw (message_id bigint REFERENCES mail_message(id), raw bytea);
INSERT INTO mail_message (subject, body)
  SELECT 'Termin ' || g, repeat(md5(g::text || random()::text), 8) FROM generate_series(1, 4000) g;
INSERT INTO mail_raw SELECT id, convert_to(body, 'UTF8') FROM mail_message;
SQL
    PGPASSWORD=$(cat "$WORK/secrets/ecom_db_password") psql -X -q -v ON_ERROR_STOP=1 -U ecom_mailer -d ecom <<'SQL' || return 1
CREATE TABLE mail_message (id bigserial PRIMARY KEY, subject text, order_number text);
INSERT INTO mail_message (subject, order_number) SELECT 'Bestellung ' || g, 'A-' || g FROM generate_series(1, 1500) g;
SQL
}

counts() { # counts DB -> "table rows" lines, plus the owner
    sql -d "$1" -c "SELECT 'owner ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()" || return 1
    local t
    for t in $(sql -d "$1" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
        echo "$t $(sql -d "$1" -c "SELECT count(*) FROM $t")"
    done
}

run_backup() { # run_backup EXPECTED_EXIT [ENV=VALUE...]
    local expected=$1 rc=0
    shift
    env BACKUP_DIR="$WORK/backups" BACKUP_METRICS_DIR="$WORK/metrics" BACKUP_MIN_FREE_MB=1 "$@" \
        bash "$ROOT/scripts/backup.sh" || rc=$?
    [[ $rc == "$expected" ]] || { echo "backup.sh exited $rc, expected $expected"; return 1; }
}

metric() { awk -v m="$1" '$1 == m { print $2 }' "$WORK/metrics/backup.prom"; }

round_trip() {
    mkdir -p "$WORK/backups" "$WORK/metrics"
    counts praxis >"$WORK/praxis.before" && counts ecom >"$WORK/ecom.before" || return 1
    run_backup 0 || return 1
    ls "$WORK"/backups/praxis/praxis-*.dump "$WORK"/backups/ecom/ecom-*.dump || return 1
    [[ $(metric backup_last_exit_code) == 0 ]] || { echo "metrics do not record exit 0"; return 1; }
    [[ $(metric 'backup_runs_total{result="success"}') == 1 ]] || { cat "$WORK/metrics/backup.prom"; return 1; }
    grep -q 'result=success exit=0' "$WORK/backups/backup.log" || { echo "no log line"; return 1; }
    promtool check metrics <"$WORK/metrics/backup.prom" || return 1

    sql -d postgres -c 'DROP DATABASE praxis WITH (FORCE)' -c 'DROP DATABASE ecom WITH (FORCE)' || return 1
    [[ $(sql -d postgres -c "SELECT count(*) FROM pg_database WHERE datname IN ('praxis', 'ecom')") == 0 ]] || return 1

    bash "$ROOT/scripts/restore.sh" --yes praxis latest || return 1
    bash "$ROOT/scripts/restore.sh" --yes ecom "$(find "$WORK/backups/ecom" -name "ecom-*.dump" | head -1)" || return 1
    counts praxis >"$WORK/praxis.after" && counts ecom >"$WORK/ecom.after" || return 1
    diff "$WORK/praxis.before" "$WORK/praxis.after" && diff "$WORK/ecom.before" "$WORK/ecom.after" || return 1
    cat "$WORK/praxis.after" "$WORK/ecom.after"
    # the restored database keeps its access rules: the mailer logs in, PUBLIC may not connect
    PGPASSWORD=$(cat "$WORK/secrets/praxis_db_password") psql -X -At -U praxis_mailer -d praxis -c 'SELECT count(*) FROM mail_raw' || return 1
    if PGPASSWORD=$(cat "$WORK/secrets/ecom_db_password") psql -X -At -U ecom_mailer -d praxis -c 'SELECT 1' 2>/dev/null; then
        echo "after restore ecom_mailer can connect to praxis"; return 1
    fi
}

restore_refuses() {
    local rc=0
    bash "$ROOT/scripts/restore.sh" praxis latest || rc=$?
    [[ $rc == 4 ]] || { echo "restore without --yes over an existing database exited $rc, expected 4"; return 1; }
    rc=0
    bash "$ROOT/scripts/restore.sh" --yes praxis "$(find "$WORK/backups/ecom" -name "ecom-*.dump" | head -1)" || rc=$?
    [[ $rc == 4 ]] || { echo "restore of the ecom dump into praxis exited $rc, expected 4"; return 1; }
    rc=0
    printf 'not a dump' >"$WORK/garbage.dump"
    bash "$ROOT/scripts/restore.sh" --yes praxis "$WORK/garbage.dump" || rc=$?
    [[ $rc == 4 ]] || { echo "restore of garbage exited $rc, expected 4"; return 1; }
    [[ $(sql -d praxis -c 'SELECT count(*) FROM mail_message') == 4000 ]]
}

exit1_unreachable() {
    local closed
    closed=$(free_port)
    run_backup 1 PGPORT="$closed" BACKUP_WAIT_SECONDS=2 || return 1
    [[ $(metric backup_last_exit_code) == 1 ]] || return 1
    [[ $(metric 'backup_runs_total{result="db_error"}') == 1 ]] || return 1
    grep -q 'result=db_error exit=1' "$WORK/backups/backup.log"
}

# PostgreSQL down when the run starts and up a moment later (a restart, a busy name service): the
# run waits for it instead of failing; without the wait psql is refused before pg_ctl is back
waits_for_server() {
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -w -t 30 stop -m fast >/dev/null || return 1
    local pid rc=0
    env BACKUP_DIR="$WORK/backups" BACKUP_METRICS_DIR="$WORK/metrics" BACKUP_MIN_FREE_MB=1 BACKUP_WAIT_SECONDS=60 \
        bash "$ROOT/scripts/backup.sh" &
    pid=$!
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 30 start \
        -o "-p $PGPORT_TEST -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null || return 1
    wait "$pid" || rc=$?
    [[ $rc == 0 ]] || { echo "backup.sh exited $rc while PostgreSQL came back"; return 1; }
    [[ $(metric backup_last_exit_code) == 0 ]]
}

# backup-loop.sh at start, with a stand-in backup.sh that only notes its call: a failed last run is
# tried again at once; after a good one nothing is due (the day's schedule, 00:00, has been run)
loop_retries_failed() {
    local dir="$WORK/loop" result pid now
    mkdir -p "$dir/bin"
    printf '#!/bin/sh\necho run >>"%s/runs"\n' "$dir" >"$dir/bin/backup.sh"
    chmod +x "$dir/bin/backup.sh"
    for result in 0 1; do
        rm -rf "$dir/m" "$dir/runs" && mkdir -p "$dir/m"
        now=$(date +%s)
        printf 'last_run=%s\nlast_result=%s\nlast_success_praxis=%s\nlast_success_ecom=%s\n' \
            "$now" "$result" "$now" "$now" >"$dir/m/backup.state"
        PATH="$dir/bin:$PATH" BACKUP_METRICS_DIR="$dir/m" BACKUP_SCHEDULE=00:00 BACKUP_CHECK_SECONDS=3600 \
            bash "$ROOT/scripts/backup/backup-loop.sh" 2>"$dir/loop-$result.log" &
        pid=$!
        # the loop decides before its first sleep: wait until it sleeps (or has run)
        for _ in $(seq 100); do
            pgrep -P "$pid" -x sleep >/dev/null && break
            sleep 0.1
        done
        kill "$pid" && wait "$pid" 2>/dev/null
        if [[ $result == 1 ]]; then
            [[ -s $dir/runs ]] || { echo "a failed last run was not tried again at start"; cat "$dir/loop-$result.log"; return 1; }
            grep -q "the last run failed (exit 1)" "$dir/loop-$result.log" || return 1
        else
            [[ ! -e $dir/runs ]] || { echo "a run after a good one"; cat "$dir/loop-$result.log"; return 1; }
        fi
    done
}

exit1_login_refused() {
    printf 'wrong' >"$WORK/secrets/wrong"
    run_backup 1 PGPASSWORD_FILE="$WORK/secrets/wrong"
}

# a real, tiny file system: mount a tmpfs (as root) and fill it
small_fs() { # small_fs DIR SIZE
    mkdir -p "$1"
    mount -t tmpfs -o "size=$2" tmpfs "$1" || return 1
    MOUNTS+=("$1")
}

exit2_before() {
    small_fs "$WORK/full1" 512k || return 1
    local rc=0
    env BACKUP_DIR="$WORK/full1" BACKUP_METRICS_DIR="$WORK/metrics" BACKUP_MIN_FREE_MB=1 \
        bash "$ROOT/scripts/backup.sh" || rc=$?
    [[ $rc == 2 ]] || { echo "exited $rc, expected 2"; return 1; }
    grep -q 'checked before' "$WORK/full1/backup.log" || return 1
    # nothing was written: the check came before pg_dump
    [[ -z $(find "$WORK/full1" -name '*.dump*') ]]
}

exit2_during() {
    small_fs "$WORK/full2" 128k || return 1
    local rc=0
    # the pre-check is told to expect nothing, so pg_dump itself runs into "no space left"
    env BACKUP_DIR="$WORK/full2" BACKUP_METRICS_DIR="$WORK/metrics" BACKUP_MIN_FREE_MB=0 BACKUP_ESTIMATE_PERCENT=0 \
        bash "$ROOT/scripts/backup.sh" 2>"$WORK/full2.err" || rc=$?
    cat "$WORK/full2.err"
    [[ $rc == 2 ]] || { echo "exited $rc, expected 2"; return 1; }
    # the log file shares the full disk; the log line still reaches the container log (stderr)
    grep -q 'result=disk_full exit=2 .*disk full (during)' "$WORK/full2.err" || return 1
    [[ -z $(find "$WORK/full2" -name '*.partial') ]] || { echo "partial dump left behind"; return 1; }
    [[ $(metric backup_last_exit_code) == 2 ]] || return 1
    # the last good dump's time survives a failed run
    [[ $(metric 'backup_last_success_timestamp_seconds{database="praxis"}') -gt 0 ]]
}

exit3_locked() {
    # one process holds the lock (a `flock ... sleep` would leave the sleeping child holding it)
    python3 -c 'import fcntl, sys, time; f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(20)' \
        "$WORK/backups/.backup.lock" &
    local holder=$! rc=0
    BG_PIDS+=("$holder")
    local _
    for _ in $(seq 50); do   # until the holder has the lock, at most 5 s
        flock -n "$WORK/backups/.backup.lock" true || break
        sleep 0.1
    done
    # the running run's partial dump: a refused second run must leave it alone
    mkdir -p "$WORK/backups/praxis"
    printf 'half a dump' >"$WORK/backups/praxis/praxis-20991231T000000Z.dump.partial"
    run_backup 3 || rc=1
    [[ -f $WORK/backups/praxis/praxis-20991231T000000Z.dump.partial ]] \
        || { echo "the refused run deleted the running run's partial dump"; rc=1; }
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
    return $rc
}

# the attachment files and age encryption: only ciphertext on disk, and restore.sh decrypts
encrypted_files() {
    local tree="$WORK/files" out="$WORK/enc"
    mkdir -p "$tree/praxis/attachments/2026/12/1" "$tree/praxis/quarantine/2026/12/2" "$out"
    printf 'befund' >"$tree/praxis/attachments/2026/12/1/befund.pdf"
    printf 'X5O!P' >"$tree/praxis/quarantine/2026/12/2/virus.pdf"
    age-keygen -o "$WORK/age.key" 2>/dev/null || return 1
    age-keygen -y "$WORK/age.key" >"$WORK/age.pub" || return 1
    env BACKUP_DIR="$out" BACKUP_METRICS_DIR="$WORK/metrics" BACKUP_MIN_FREE_MB=1 BACKUP_FILES_DIR="$tree" \
        BACKUP_AGE_RECIPIENTS="$WORK/age.pub" bash "$ROOT/scripts/backup.sh" || return 1
    ls -R "$out"
    [[ -z $(find "$out" -name '*.dump' -o -name '*.tar.gz') ]] || { echo "plaintext backups on disk"; return 1; }
    local archive
    archive=$(find "$out/files" -name 'files-*.tar.gz.age')
    [[ -n $archive ]] || { echo "no encrypted attachment archive"; return 1; }
    age -d -i "$WORK/age.key" "$archive" | tar -tzf - >"$WORK/enc.list" || return 1
    grep -q 'attachments/2026/12/1/befund.pdf' "$WORK/enc.list" || { echo "attachment missing"; return 1; }
    ! grep -q quarantine "$WORK/enc.list" || { echo "quarantined files in the backup"; return 1; }
    local rc=0
    BACKUP_DIR="$out" bash "$ROOT/scripts/restore.sh" --yes ecom latest || rc=$?
    [[ $rc == 4 ]] || { echo "restore of an encrypted dump without the key exited $rc, expected 4"; return 1; }
    BACKUP_DIR="$out" BACKUP_AGE_IDENTITY_FILE="$WORK/age.key" bash "$ROOT/scripts/restore.sh" --yes ecom latest || return 1
    [[ $(sql -d ecom -c 'SELECT count(*) FROM mail_message') == 1500 ]]
}

exit4_config() {
    run_backup 4 PGPASSWORD_FILE="$WORK/secrets/missing" || return 1
    run_backup 4 BACKUP_RETENTION_DAYS=seven
}

rotation() {
    local d="$WORK/backups/praxis"
    touch -d '10 days ago' "$d/praxis-20000101T000000Z.dump" "$d/praxis-20000102T000000Z.dump"
    touch -d '2 days ago' "$d/praxis-20000103T000000Z.dump"
    run_backup 0 || return 1
    [[ ! -e $d/praxis-20000101T000000Z.dump && ! -e $d/praxis-20000102T000000Z.dump ]] || { ls -l "$d"; return 1; }
    [[ -e $d/praxis-20000103T000000Z.dump ]] || { echo "a 2-day-old dump was rotated"; return 1; }
    grep -q 'rotated .*praxis-20000101T000000Z.dump' "$WORK/backups/backup.log"
}

backup_health() {
    BACKUP_DIR="$WORK/backups" BACKUP_METRICS_DIR="$WORK/metrics" bash "$ROOT/scripts/backup/backup-health.sh"
}

# ---------------------------------------------------------------- scripts against a fake docker
host_scripts() { bash "$HERE/host_scripts_test.sh" "$ROOT"; }

# ================================================================ run
if ! install_tools >"$WORK/install.log" 2>&1; then
    echo "FAIL: install verification tools"
    tail -n 20 "$WORK/install.log" | sed 's/^/    /'
    echo "0 passed, 1 failed"
    exit 1
fi

check "compose: docker-compose 1.29 config -q (all profiles)" compose_legacy
check "compose: Compose-spec JSON schema (dclint's copy, ajv)" compose_schema
policy_out="$WORK/policy.out"
python3 "$HERE/policy.py" "$ROOT/compose.yml" >"$policy_out" 2>&1
while IFS= read -r line; do
    case $line in
        PASS:*) echo "$line"; PASSED=$((PASSED + 1)) ;;
        FAIL:*) echo "$line"; FAILED=$((FAILED + 1)) ;;
        *) echo "    $line" ;;
    esac
done <"$policy_out"
grep -q '^PASS: policy' "$policy_out" || { echo "FAIL: policy checker ran"; FAILED=$((FAILED + 1)); }
check "policy: the checker fails a compose file that breaks every rule" policy_selftest
check ".env.example documents every variable compose.yml uses" env_documented
check "Dockerfile: kernel-slim, features.sh, configure.sh, driver path, non-root, healthcheck" dockerfile_static
check "mailers.txt: compose, backup, Prometheus, alert rules, Grafana, Promtail and init-db agree with the list" mailers_agree
check "mailers.py names every file a mailer added to the list is missing from" mailers_selftest
check "no secrets tracked by git or sent to the build context" no_secrets_committed
check "promtool check config" prom_config
check "promtool check rules" prom_rules
check "promtool test rules" prom_rule_tests
check "every alert has a unit test that fires it" alerts_tested
check "every alert has its runbook section in docs/alerts.md" alerts_documented
check "amtool check-config (as alertmanager-start.sh renders it) and the alert mail templates" am_config
check "yamllint on every YAML file" yaml_lint
check "dashboards: valid JSON, Prometheus panels use only known metric names" dashboards_static
check "dashboards: a real Prometheus accepts every panel query" dashboards_promql
check "promtail scrubbing (RE2): addresses, spaced app passwords, quoted passwords, user:pw@host" scrubbing
check "shellcheck on every script" shell_check
check "healthcheck.sh, start.sh, ops-checks.sh against a fake docker" host_scripts
check "backup-loop.sh: a failed last run is tried again at start, a good one is not" loop_retries_failed

if check "PostgreSQL 15 started on 127.0.0.1" start_pg && [[ -n $PG_STARTED ]]; then
    check "init-db.sh: roles, databases, secrets with quotes, idempotent" init_db
    check "init-db.sh: a third mailer from the list alone" init_db_third
    check "seed test data as the mailer roles" seed_data
    check "backup.sh -> drop -> restore.sh: row counts, owner, access equal" round_trip
    check "restore.sh refuses without --yes, a foreign dump and garbage (exit 4)" restore_refuses
    check "backup.sh exit 1: database unreachable" exit1_unreachable
    check "backup.sh exit 1: login refused" exit1_login_refused
    check "backup.sh waits for a PostgreSQL that is back a moment later (BACKUP_WAIT_SECONDS)" waits_for_server
    check "backup.sh exit 2: disk full, checked before (real tmpfs)" exit2_before
    check "backup.sh exit 2: disk full during pg_dump (real tmpfs)" exit2_during
    check "backup.sh exit 3: another run holds the lock, and its partial dump stays" exit3_locked
    check "backup.sh exit 4: configuration error" exit4_config
    check "backup.sh: attachment files (not the quarantine) and age encryption; restore.sh decrypts" encrypted_files
    check "backup.sh rotation: dumps older than 7 days go, younger ones stay" rotation
    check "backup-health.sh healthy after a good run" backup_health
fi

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
