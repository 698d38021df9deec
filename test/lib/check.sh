# shellcheck shell=bash
# Sourced by the check scripts (test/stack/verify.sh, test/kubernetes/verify.sh).
# check NAME COMMAND...: one PASS/FAIL line; on failure the command's last output lines follow.
# The caller provides WORK (a scratch directory) and the counters PASSED and FAILED.
check() {
    local name=$1 out="$WORK/check.out"
    shift
    if "$@" >"$out" 2>&1; then
        echo "PASS: $name"
        PASSED=$((PASSED + 1))
    else
        echo "FAIL: $name"
        tail -n 25 "$out" | sed 's/^/    /'
        FAILED=$((FAILED + 1))
    fi
}
