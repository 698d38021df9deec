#!/usr/bin/env bash
# Are all services of the stack running and healthy? One line per service, then a summary.
#
#   scripts/healthcheck.sh              # check once: exit 0 all healthy, 1 otherwise
#   scripts/healthcheck.sh --wait 120   # wait up to 120 s for all to become healthy
#
# A service counts as healthy when its container runs and its healthcheck says "healthy".
# Services of inactive profiles (s3, automation) are not listed by Compose and not checked.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

wait_seconds=0
if [[ ${1:-} == --wait ]]; then
    wait_seconds=${2:?--wait needs seconds}
fi

# prints "service state health" per container; health is empty without a healthcheck. Through
# `ps -q` and `docker inspect`, which Compose v1.29 and v2 (and Podman) answer alike.
status() {
    local ids
    ids=$(docker compose ps -q -a) || return 1
    [[ -n $ids ]] || return 0
    # shellcheck disable=SC2086  # one id per word
    docker inspect --format '{{index .Config.Labels "com.docker.compose.service"}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' $ids
}

check_once() {
    local lines service state health bad=0 total=0
    lines=$(status) || { echo "FAIL: docker compose ps failed (is Docker running?)"; return 2; }
    [[ -n $lines ]] || { echo "FAIL: no containers; start the stack with scripts/start.sh"; return 1; }
    while read -r service state health; do
        total=$((total + 1))
        if [[ $state == running && $health == healthy ]]; then
            echo "PASS: $service $state $health"
        else
            echo "FAIL: $service ${state:-?} ${health:-no healthcheck}"
            bad=$((bad + 1))
        fi
    done <<<"$lines"
    echo "$((total - bad)) of $total services healthy"
    [[ $bad == 0 ]]
}

deadline=$(( $(date +%s) + wait_seconds ))
while true; do
    out=$(check_once)
    rc=$?
    if [[ $rc == 0 || $(date +%s) -ge $deadline ]]; then
        echo "$out"
        exit $(( rc == 0 ? 0 : 1 ))
    fi
    sleep 3
done
