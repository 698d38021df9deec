#!/usr/bin/env bash
# Runs every Prometheus query of the Grafana dashboards against a Prometheus HTTP API and
# fails for any query that is rejected or returns no data. This is how the dashboards are
# proven without Grafana: point it at a Prometheus that scrapes a real running mailer.
#
#   test/stack/dashboard-queries.sh http://127.0.0.1:9090
#   SKIP='container_|node_' test/stack/dashboard-queries.sh http://127.0.0.1:9090
#   test/stack/dashboard-queries.sh --syntax-only http://127.0.0.1:9090
#
# SKIP: a regular expression; queries matching it are reported as SKIP (for exporters that
# do not run in the test, e.g. cAdvisor). --syntax-only: only require that Prometheus accepts
# each query (verify.sh runs it so against an empty Prometheus).
# One PASS/FAIL/SKIP line per query, then "N passed, N failed"; exit 1 on any failure.
set -euo pipefail

options=()
if [[ ${1:-} == --syntax-only ]]; then
    options+=(--syntax-only)
    shift
fi
[[ $# -eq 1 ]] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ -n ${SKIP:-} ]] && options+=("$SKIP")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$HERE/dashboards.py" query "${DASHBOARDS:-$HERE/../../monitoring/grafana/dashboards}" "$1" "${options[@]}"
