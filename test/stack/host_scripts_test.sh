#!/usr/bin/env bash
# Runs scripts/healthcheck.sh, scripts/start.sh and scripts/ops-checks.sh in a scratch copy of
# the repository with a fake `docker` on PATH that answers from canned output and records
# every call, so their logic is tested where no Docker engine exists.
#
#   bash test/stack/host_scripts_test.sh REPO_ROOT
set -euo pipefail
ROOT=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/repo/scripts" "$T/bin"
cp "$ROOT"/scripts/*.sh "$T/repo/scripts/"
cp "$ROOT/.env.example" "$ROOT/mailers.txt" "$ROOT/compose.yml" "$T/repo/"
cat >"$T/bin/docker" <<'FAKE'
#!/usr/bin/env bash
echo "docker $*" >>"$FAKE_LOG"
case "$*" in
    info*|"compose version"*) exit 0 ;;
    # healthcheck.sh: the ids, then one inspect line per container
    "compose ps -q -a") printf '%b' "$FAKE_PS" | awk 'NF { print "id" NR }'; exit "${FAKE_PS_RC:-0}" ;;
    "inspect --format"*) printf '%b' "$FAKE_PS" ;;
    "compose up"*) exit 0 ;;
    *) exit 1 ;;
esac
FAKE
chmod +x "$T/bin/docker"
export PATH="$T/bin:$PATH" FAKE_LOG="$T/calls"
HEALTHY='postgres running healthy\npraxis-mailer running healthy\necom-mailer running healthy\n'
fail() { echo "host scripts: $*"; exit 1; }

# healthcheck.sh
FAKE_PS=$HEALTHY "$T/repo/scripts/healthcheck.sh" >"$T/out" || fail "all healthy must exit 0"
grep -q '3 of 3 services healthy' "$T/out" || fail "no summary"
if FAKE_PS='postgres running healthy\npraxis-mailer running starting\necom-mailer exited \n' \
    "$T/repo/scripts/healthcheck.sh" >"$T/out"; then fail "unhealthy services must exit 1"; fi
grep -q 'FAIL: praxis-mailer running starting' "$T/out" || fail "a starting service is not named"
grep -q 'FAIL: ecom-mailer exited no healthcheck' "$T/out" || fail "an exited service is not named"
if FAKE_PS='' FAKE_PS_RC=1 "$T/repo/scripts/healthcheck.sh" >"$T/out"; then fail "docker failure must exit 1"; fi

# start.sh: first run creates .env and stops
export FAKE_PS=$HEALTHY WAIT_SECONDS=1
if (cd "$T/repo" && scripts/start.sh) >"$T/out" 2>&1; then fail "first run without .env must stop"; fi
[[ -f $T/repo/.env ]] || fail "first run did not create .env"
if (cd "$T/repo" && scripts/start.sh) >"$T/out" 2>&1; then fail "example addresses must be refused"; fi
grep -q 'example mailbox addresses' "$T/out" || fail "no hint about the example addresses"
sed -i 's/^PRAXIS_IMAP_USER=.*/PRAXIS_IMAP_USER=praxis.test@gmail.com/; s/^ECOM_IMAP_USER=.*/ECOM_IMAP_USER=shop.test@gmail.com/' "$T/repo/.env"
if (cd "$T/repo" && scripts/start.sh) >"$T/out" 2>&1; then fail "missing Gmail app passwords must stop"; fi
grep -q 'praxis_imap_password is missing' "$T/out" || fail "no hint about the app password"
for s in postgres_password praxis_db_password grafana_admin_password redis_password; do
    [[ -s $T/repo/secrets/$s ]] || fail "secrets/$s not generated"
    [[ $(tail -c 1 "$T/repo/secrets/$s" | od -An -c | tr -d ' ') != '\n' ]] || fail "secrets/$s ends with a newline"
done
before=$(cat "$T/repo/secrets/postgres_password")
printf 'abcd efgh ijkl mnop' >"$T/repo/secrets/praxis_imap_password"
printf 'abcd efgh ijkl mnop' >"$T/repo/secrets/ecom_imap_password"
(cd "$T/repo" && scripts/start.sh) >"$T/out" 2>&1 || { cat "$T/out"; fail "a complete set-up must start"; }
grep -q 'docker compose up -d --build --remove-orphans' "$T/calls" || fail "compose up was not called"
grep -q 'http://127.0.0.1:3000/' "$T/out" || fail "no Grafana URL printed"
for url in 'Staff page praxis   http://127.0.0.1:9080/' 'Staff page ecom     http://127.0.0.1:9081/'; do
    grep -qF "$url" "$T/out" || { cat "$T/out"; fail "a staff page URL per mailer of mailers.txt: $url"; }
done
[[ -s $T/repo/secrets/ecom_review_staff_password ]] || fail "secrets of the list's mailers not generated"
[[ $(cat "$T/repo/secrets/postgres_password") == "$before" ]] || fail "an existing secret was overwritten"
[[ $(stat -c %a "$T/repo/secrets") == 700 && $(stat -c %a "$T/repo/secrets/postgres_password") == 444 ]] \
    || fail "secrets permissions are not 700 (directory) / 444 (files)"

# ops-checks.sh: every check reports, failures are counted, the summary line closes
if (cd "$T/repo" && scripts/ops-checks.sh) >"$T/out" 2>&1; then fail "ops-checks must fail against a fake docker"; fi
[[ $(grep -cE '^(PASS|FAIL|SKIP): ([1-9]|10) ' "$T/out") == 10 ]] || { cat "$T/out"; fail "ops-checks did not report 10 checks"; }
tail -1 "$T/out" | grep -qE '^[0-9]+ passed, [0-9]+ failed$' || fail "ops-checks has no summary line"
grep -q '^PASS: 1 all services healthy' "$T/out" || fail "ops-checks check 1 should pass with healthy services"
echo "healthcheck.sh, start.sh and ops-checks.sh behave as documented"
