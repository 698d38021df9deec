#!/usr/bin/env bash
# A check script run beside the integration tests (./mvnw verify, pom.xml):
#
#   bash test/lib/background.sh start NAME COMMAND...   # pre-integration-test: starts it, returns at once
#   bash test/lib/background.sh join NAME               # verify: waits for it, prints its output, its exit code
#
# test/stack/verify.sh and test/kubernetes/verify.sh need no build and about 1.5 minutes of CPU
# together; the integration tests mostly wait (a server starting, a poll, a lease), so the checks run
# in those waits instead of after them. The output goes to target/background/NAME.log and is printed
# whole at the join, so it reads as if the check had run there. A build that stops before the join
# (a failed integration test, Ctrl-C) leaves the check to finish by itself; each script stops what it
# started.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR="$ROOT/target/background"
# the longest a join waits for its check (seconds)
JOIN_TIMEOUT=${JOIN_TIMEOUT:-1200}

usage() { echo "usage: $0 start NAME COMMAND... | join NAME" >&2; exit 2; }
(($# >= 2)) || usage
cmd=$1 name=$2
shift 2
base="$DIR/$name"

case $cmd in
start)
    (($#)) || usage
    mkdir -p "$DIR"
    rm -f "$base.log" "$base.rc" "$base.pid"
    : >"$base.log"
    # its own session, stdio off Maven's pipes (Maven would wait for them to close); the exit code
    # is written last, through a rename, so a join never reads half of it
    cd "$ROOT" || exit 1
    # shellcheck disable=SC2016  # expanded by the inner bash
    setsid bash -c 'echo $$ >"$0.pid"; started=$SECONDS; "$@" >>"$0.log" 2>&1 </dev/null; rc=$?
        echo "($((SECONDS - started)) s beside the integration tests)" >>"$0.log"
        echo "$rc" >"$0.rc.tmp" && mv "$0.rc.tmp" "$0.rc"' "$base" "$@" </dev/null >/dev/null 2>&1 &
    echo "background: $name started beside the integration tests ($*); joined at verify"
    ;;
join)
    [[ -f $base.log ]] || { echo "background: $name was not started (no $base.log)"; exit 1; }
    t0=$SECONDS
    until [[ -f $base.rc ]]; do
        pid=$(cat "$base.pid" 2>/dev/null)
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null && [[ ! -f $base.rc ]]; then
            cat "$base.log"
            echo "background: $name ended without an exit code"
            exit 1
        fi
        if ((SECONDS - t0 >= JOIN_TIMEOUT)); then
            cat "$base.log"
            echo "background: $name did not finish within $JOIN_TIMEOUT s of the join"
            exit 1
        fi
        sleep 1
    done
    cat "$base.log"
    rc=$(cat "$base.rc")
    echo "background: $name exit $rc (waited $((SECONDS - t0)) s at the join)"
    exit "$rc"
    ;;
*) usage ;;
esac
