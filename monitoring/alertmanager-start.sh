#!/bin/sh
# Alertmanager's entry point in compose.yml: writes the ${ALERT_...} settings from .env into
# alertmanager.yml (Alertmanager reads no environment variables), then starts it with the
# arguments given. Runs in Alertmanager's own image (busybox sh and sed), as its user.
set -eu
: "${ALERT_SMTP_HOST:=mailpit:1025}" "${ALERT_MAIL_FROM:=alertmanager@docker-agents.local}"
: "${ALERT_MAIL_TO:=operator@docker-agents.local}" "${ALERT_SMTP_USER:=}" "${ALERT_SMTP_REQUIRE_TLS:=false}"
# a value goes into sed's replacement: backslash, the delimiter | and & are escaped
escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
sed -e "s|\${ALERT_SMTP_HOST}|$(escape "$ALERT_SMTP_HOST")|" \
    -e "s|\${ALERT_MAIL_FROM}|$(escape "$ALERT_MAIL_FROM")|" \
    -e "s|\${ALERT_MAIL_TO}|$(escape "$ALERT_MAIL_TO")|g" \
    -e "s|\${ALERT_SMTP_USER}|$(escape "$ALERT_SMTP_USER")|" \
    -e "s|\${ALERT_SMTP_REQUIRE_TLS}|$(escape "$ALERT_SMTP_REQUIRE_TLS")|" \
    /etc/docker-agents/alertmanager.yml >/tmp/alertmanager.yml
exec /bin/alertmanager --config.file=/tmp/alertmanager.yml "$@"
