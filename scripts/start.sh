#!/usr/bin/env bash
# The one start script: checks the prerequisites, creates .env and the generated secrets on
# the first run, builds the images, starts the stack and waits until every service is healthy.
#
#   scripts/start.sh                          # the default services
#   scripts/start.sh --profile automation     # any `docker compose` option is passed on
#
# Exit codes: 0 all healthy, 1 a prerequisite or secret is missing, 2 not healthy in time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WAIT_SECONDS=${WAIT_SECONDS:-300}
fail() { echo "start: $*" >&2; exit 1; }

command -v docker >/dev/null || fail "docker is not installed (docs/setup-wsl2.md)"
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer; start Docker Desktop"
docker compose version >/dev/null 2>&1 || fail "Docker Compose v2 is missing (docker compose version)"

# the mailers of this stack, one profile a line ('#' comments): praxis -> PRAXIS_* in .env, secrets/praxis_*
mapfile -t mailers < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' mailers.txt 2>/dev/null)
[[ ${#mailers[@]} -gt 0 ]] || fail "mailers.txt names no mailer"
prefix() { tr 'a-z-' 'A-Z_' <<<"$1"; }
users=$(for m in "${mailers[@]}"; do printf '%s_IMAP_USER ' "$(prefix "$m")"; done)

if [[ ! -f .env ]]; then
    cp .env.example .env
    fail "created .env from .env.example: set ${users% } there, then run me again"
fi
for m in "${mailers[@]}"; do
    grep -qE "^$(prefix "$m")_IMAP_USER=.*@example\.com$" .env \
        && fail ".env still has the example mailbox addresses; set ${users% }"
done

mkdir -p secrets
chmod 700 secrets
# random passwords for everything the stack generates itself; never overwritten
generated=(postgres_password exporter_db_password grafana_admin_password minio_root_password n8n_encryption_key
    redis_password events_secret lan_keystore_password)
for m in "${mailers[@]}"; do
    generated+=("${m}_db_password" "${m}_review_admin_password" "${m}_review_staff_password")
done
for name in "${generated[@]}"; do
    if [[ ! -s secrets/$name ]]; then
        # no trailing newline: Liberty and the images read the file's content as the value
        random=$(head -c 512 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
        printf '%s' "${random:0:32}" >"secrets/$name"
        echo "start: generated secrets/$name"
    fi
done
# optional secrets, empty until the operator fills them: alert mail's SMTP password (docs/alerts.md:
# empty while alerts go to Mailpit), the age public key backups are encrypted for (docs/upgrade-and-restore.md)
for name in alert_smtp_password backup_age_recipients attachment_archive_access_key \
    attachment_archive_secret_key; do
    if [[ ! -e secrets/$name ]]; then
        : >"secrets/$name"
        echo "start: created an empty secrets/$name (optional; see docs/alerts.md, docs/upgrade-and-restore.md)"
    fi
done
# the Gmail app passwords only the operator can create (docs/gmail.md)
for name in "${mailers[@]/%/_imap_password}"; do
    [[ -s secrets/$name ]] || fail "secrets/$name is missing: put the Gmail app password there (docs/gmail.md)"
done
# readable inside the containers, which run as other users; the directory itself is private
chmod 444 secrets/*

docker compose "$@" up -d --build --remove-orphans
if scripts/healthcheck.sh --wait "$WAIT_SECONDS"; then
    # a port set in .env, else compose.yml's default (${NAME:-9080}): .env holds overrides only
    port() {
        grep -E "^$1=" .env | cut -d= -f2 | grep . ||
            grep -oE "\\\$\\{$1:-[0-9]+\\}" compose.yml | head -n 1 | sed -E 's/.*:-([0-9]+)\}$/\1/' || true
    }
    printf '\nThe stack is up:\n'
    for m in "${mailers[@]}"; do
        printf '  Staff page %-8s http://127.0.0.1:%s/  (admin / secrets/%s_review_admin_password)\n' \
            "$m" "$(port "$(prefix "$m")_HTTP_PORT" | grep . || echo "?")" "$m"
        if [[ $(port "$(prefix "$m")_LAN") == on ]]; then
            printf '  Staff page %-8s https://%s:%s/  (other PCs of the practice; docs/lan-access.md)\n' \
                "$m" "$(port "$(prefix "$m")_LAN_HOST")" "$(port "$(prefix "$m")_HTTPS_PORT" | grep . || echo "?")"
        fi
    done
    cat <<MSG
  Grafana             http://127.0.0.1:$(port GRAFANA_PORT | grep . || echo 3000)/  (admin / secrets/grafana_admin_password)
  Mailpit             http://127.0.0.1:$(port MAILPIT_UI_PORT | grep . || echo 8025)/  (development mail, alert mail)
Checks: scripts/ops-checks.sh     Runbook: OPS-CHECKS.md, docs/troubleshooting.md
MSG
else
    echo "start: not every service became healthy within ${WAIT_SECONDS}s; see docs/troubleshooting.md" >&2
    exit 2
fi
