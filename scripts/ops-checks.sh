#!/usr/bin/env bash
# The review seed's operations checks 1-10 against the running stack (OPS-CHECKS.md explains
# each one and its expected output). One PASS/FAIL line per check, then "N passed, N failed".
#
#   scripts/ops-checks.sh                  # checks 1-7, 9, 10 (nothing is stopped)
#   scripts/ops-checks.sh --with-restart   # also check 8: down, up postgres, data still there
#
# Exit code: 0 when every check passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

with_restart=false
[[ ${1:-} == --with-restart ]] && with_restart=true
env_value() { grep -E "^$1=" .env 2>/dev/null | tail -1 | cut -d= -f2-; }
GRAFANA_PORT=$(env_value GRAFANA_PORT); GRAFANA_PORT=${GRAFANA_PORT:-3000}
MAILPIT_UI_PORT=$(env_value MAILPIT_UI_PORT); MAILPIT_UI_PORT=${MAILPIT_UI_PORT:-8025}
CPU_LIMIT_PERCENT=${CPU_LIMIT_PERCENT:-80}
# the mailers of this stack, one profile a line ('#' comments); the first one stands in where one will do
mapfile -t MAILERS < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' mailers.txt 2>/dev/null)
[[ ${#MAILERS[@]} -gt 0 ]] || { echo "ops-checks: mailers.txt names no mailer" >&2; exit 1; }

passed=0
failed=0
check() {
    local name=$1
    shift
    if "$@" >/tmp/ops-check.$$ 2>&1; then
        echo "PASS: $name"
        passed=$((passed + 1))
    else
        echo "FAIL: $name"
        sed 's/^/    /' /tmp/ops-check.$$ | tail -n 10
        failed=$((failed + 1))
    fi
    rm -f /tmp/ops-check.$$
}

dc() { docker compose "$@"; }

# 1. every service runs and is healthy
services_healthy() { scripts/healthcheck.sh; }

# 2. the database answers, and every mailer's database exists
db_accessible() {
    local names expected
    names=$(printf "'%s'," "${MAILERS[@]}")
    expected=$(printf '%s\n' "${MAILERS[@]}" | LC_ALL=C sort | paste -sd,)
    dc exec -T postgres psql -U postgres -d postgres -Atc \
        "SELECT version(); SELECT string_agg(datname, ',' ORDER BY datname COLLATE \"C\") FROM pg_database WHERE datname IN (${names%,})" \
        | tee /dev/stderr | grep -qxF "$expected"
}

# 3. the backup service can dump (to stdout, nothing is stored)
backup_works() {
    # shellcheck disable=SC2016  # expanded inside the container
    dc exec -T backup bash -c 'PGPASSWORD=$(cat "$PGPASSWORD_FILE") pg_dump -d "$1" --schema-only | head -5' _ "${MAILERS[0]}" \
        | grep -q 'PostgreSQL database dump'
}

# 4. Prometheus and Grafana are healthy
monitoring_healthy() {
    dc exec -T prometheus wget -qO- http://127.0.0.1:9090/-/healthy | grep -qi 'healthy' || return 1
    curl -fsS "http://127.0.0.1:$GRAFANA_PORT/api/health" | grep -q '"database": *"ok"'
}

# 5. Ollama on Windows answers the mailers' network
ollama_reachable() {
    dc exec -T "${MAILERS[0]}-mailer" curl -fsS --max-time 10 "$(env_value OLLAMA_BASE_URL || true)${OLLAMA_PATH:-/api/tags}" \
        | grep -q '"models"'
}

# 6. each mailer logged its start and polls (no mail content is logged)
mailers_active() {
    local m
    for m in "${MAILERS[@]/%/-mailer}"; do
        # grep reads the whole log: with -q it would stop at the first match, and `docker compose logs`,
        # cut off mid-write, fails the pipeline (pipefail) however healthy the mailer is
        dc logs --no-log-prefix "$m" 2>/dev/null | grep 'mailer started, polling every' >/dev/null \
            || { echo "$m did not log its start"; return 1; }
    done
}

# 7. Mailpit's API answers with a message count
mailpit_api() {
    curl -fsS "http://127.0.0.1:$MAILPIT_UI_PORT/api/v1/messages" | grep -qE '"total": *[0-9]+'
}

# 8. data survives `down` and `up` (stops the stack for a moment)
volume_persistence() {
    dc down || return 1
    dc up -d --wait postgres || return 1
    dc exec -T postgres psql -U postgres -Atc '\l' | grep -q "^${MAILERS[0]}|" || return 1
    dc up -d --wait
}

# 9. no container above the CPU threshold, none above 90 % of its memory limit
resource_limits() {
    local ids=()
    mapfile -t ids < <(dc ps -q)
    [[ ${#ids[@]} -gt 0 ]] || { echo "no containers"; return 1; }
    docker stats --no-stream --format '{{.Name}} {{.CPUPerc}} {{.MemPerc}}' "${ids[@]}" | awk -v cpu="$CPU_LIMIT_PERCENT" '
        { c = $2; m = $3; gsub(/%/, "", c); gsub(/%/, "", m)
          if (c + 0 > cpu) { print "CPU high: " $1 " " $2; bad = 1 }
          if (m + 0 > 90) { print "memory near limit: " $1 " " $3; bad = 1 } }
        END { exit bad }'
}

# 10. every container rotates its log (json-file, max-size) so no log grows past 150 MB
log_rotation() {
    local id config bad=0
    for id in $(dc ps -q); do
        config=$(docker inspect --format '{{.Name}} {{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config "max-size"}} {{index .HostConfig.LogConfig.Config "max-file"}}' "$id")
        read -r _ type size files <<<"$config"
        if [[ $type != json-file || -z $size || -z $files ]]; then
            echo "no rotation: $config"
            bad=1
        fi
    done
    return $bad
}

check "1 all services healthy" services_healthy
check "2 database accessible, every mailer's database exists" db_accessible
check "3 backup service can dump" backup_works
check "4 Prometheus and Grafana healthy" monitoring_healthy
check "5 Ollama reachable from the mailers" ollama_reachable
check "6 every mailer started and polling" mailers_active
check "7 Mailpit API answers" mailpit_api
if [[ $with_restart == true ]]; then
    check "8 data persists across down/up" volume_persistence
else
    echo "SKIP: 8 data persists across down/up (run with --with-restart)"
fi
check "9 CPU and memory within limits" resource_limits
check "10 log rotation on every container" log_rotation

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
