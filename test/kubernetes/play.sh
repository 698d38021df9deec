#!/usr/bin/env bash
# shellcheck disable=SC2317  # the checks are functions that check() calls by name
# The Kubernetes Deployment of one mailer, run by `podman kube play` with two replicas against real
# PostgreSQL, a test mail server, clamd and an Ollama stand-in (docs/kubernetes.md, "What was verified").
#
#   bash test/kubernetes/play.sh [MAILER]      # as root; MAILER: an overlay of deploy/kubernetes (praxis)
#
# Podman 4.3.1 cannot run the rendered Deployment as it is (a Secret volume fails, containerPort is
# published on the host, a named probe port becomes 0, an emptyDir is one volume for every replica), so
# podman_play.py makes a copy that differs in printed, named ways (the Secret volume becomes a hostPath
# directory of the same files; two single-replica copies; the mailbox and Ollama addresses are the
# test's; what Podman's manual calls unsupported is listed). The run:
# the services up; the copy played with `replicas: 2`; the Deployment's probes run as the kubelet would
# (kubelet_probes.py); the security context, limits, mounts and environment checked in the running
# containers; exactly one pod holds the folder lease; mail stored and answered once; kill -9 of the
# holder's container, the other pod takes over, later mail stored and answered once.
# Prints PASS/FAIL lines and "kube play: N passed, N failed"; exit 1 on a failure. Prints
# "kube play: SKIPPED (...)" and exits 0 without root, podman or kubectl. Uses the images of the
# container test (test/containers/images.sh: cached, built when missing). Removes every pod, container,
# volume and network it made, also on failure; logs stay in target/kube-play/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/test/kubernetes"
CT="$ROOT/test/containers"
MAILER=${1:-praxis}
OUT="$ROOT/target/kube-play"
NET=kube-play
# the shared services' names in the cluster (the overlay's DB_HOST, ...): network aliases of the containers
CLUSTER=docker-agents.svc.cluster.local
PASSED=0
FAILED=0
STARTED=$(date +%s)
STANDIN_PID=""

skip() {
    echo "kube play: SKIPPED ($*)"
    exit 0
}
[[ $(id -u) == 0 ]] || skip "needs root: rootful Podman"
command -v podman >/dev/null || skip "podman is missing (test/containers/host-setup.sh installs it)"
command -v kubectl >/dev/null || skip "kubectl is missing: nothing renders the overlay"
[[ -d $ROOT/deploy/kubernetes/$MAILER ]] || { echo "kube play: no overlay deploy/kubernetes/$MAILER" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT/logs" "$OUT/secrets" "$OUT/db-secrets"
: >"$OUT/sent.txt"

check() { # check NAME COMMAND...: one PASS/FAIL line; the command's output follows indented
    local name=$1 out="$OUT/check.out" start=$SECONDS
    shift
    if "$@" >"$out" 2>&1; then
        echo "PASS: $name [$((SECONDS - start)) s]"
        PASSED=$((PASSED + 1))
    else
        echo "FAIL: $name [$((SECONDS - start)) s]"
        FAILED=$((FAILED + 1))
    fi
    sed 's/^/    /' "$out"
    { echo "==== $name"; cat "$out"; } >>"$OUT/checks.log"
}
finish() {
    echo "kube play: $PASSED passed, $FAILED failed ($(( $(date +%s) - STARTED )) s)"
    [[ $FAILED == 0 ]]
    exit
}

# ---------------------------------------------------------------- teardown, also of an interrupted run
teardown() {
    local c
    for c in $(podman ps -a --format '{{.Names}}' | grep -E '^(mailer-[0-9]+-pod-[0-9]+-mailer|kube-play-.*)$'); do
        podman logs "$c" >"$OUT/logs/$c.log" 2>&1
    done
    if [[ -f $OUT/play.yaml ]]; then
        podman kube down "$OUT/play.yaml" >/dev/null 2>&1
        # the claim's and the emptyDirs' named volumes
        for c in $(python3 -c 'import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    if d and d["kind"] == "Deployment":
        for v in d["spec"]["template"]["spec"].get("volumes", []):
            print(v["persistentVolumeClaim"]["claimName"] if "persistentVolumeClaim" in v else v["name"])' "$OUT/play.yaml"); do
            podman volume rm -f "$c" >/dev/null 2>&1
        done
    fi
    for c in postgres mail clamav; do podman rm -f -v -t 0 "kube-play-$c" >/dev/null 2>&1; done
    podman network rm -f "$NET" >/dev/null 2>&1
    [[ -z $STANDIN_PID ]] || kill "$STANDIN_PID" 2>/dev/null
}
trap 'teardown; wait 2>/dev/null' EXIT
trap 'exit 130' INT TERM

# another container run at the same time would slow both down past their timeouts: wait for it to end
others() { podman ps --format '{{.Names}}' | grep -vE '^(mailer-[0-9]+-pod-[0-9]+-mailer|[0-9a-f]{12}-infra|kube-play-.*)$'; }
waited=0
while [[ -n $(others) ]]; do
    ((waited == 0)) && echo "INFO: waiting for other containers to end: $(others | tr '\n' ' ')"
    ((waited >= ${KUBE_PLAY_WAIT:-1800})) && { echo "FAIL: other containers still run after $waited s"; FAILED=1; finish; }
    sleep 30
    waited=$((waited + 30))
done

check "host set up for Podman (test/containers/host-setup.sh)" bash "$CT/host-setup.sh"
[[ $FAILED == 0 ]] || finish
check "images of the container test, cached or built (test/containers/images.sh)" bash "$CT/images.sh"
[[ $FAILED == 0 ]] || finish
teardown   # what an interrupted run left

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
ip_of() { # ip_of CONTAINER: its address on the test network (a pod's: its infra container's)
    podman inspect "$1" --format "{{(index .NetworkSettings.Networks \"$NET\").IPAddress}}" 2>/dev/null
}
pod_ip() { ip_of "$(podman pod inspect "$1" --format '{{.InfraContainerID}}')"; }
psql_db() { podman exec -i kube-play-postgres psql -X -U postgres -At -d "$@"; }
# waits up to $1 s for the command to succeed
until_ok() {
    local deadline=$(( $(date +%s) + $1 ))
    shift
    until "$@"; do (( $(date +%s) < deadline )) || return 1; sleep 2; done
}

# ---------------------------------------------------------------- the secrets: compose.yml's files for this mailer
# The Secret's keys are the targets of compose.yml's secrets of the mailer (docs/kubernetes.md#secrets);
# random values, empty where compose's run leaves them empty (the S3 archive's keys)
mapfile -t KEYS < <(python3 - "$ROOT/compose.yml" "$MAILER-mailer" <<'PY'
import sys, yaml
for s in yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]]["secrets"]:
    print(s["target"] if isinstance(s, dict) else s)
PY
)
secret_value() { head -c 256 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 24; }
for key in "${KEYS[@]}"; do
    case $key in attachment_archive_*) : >"$OUT/secrets/$key" ;; *) secret_value >"$OUT/secrets/$key" ;; esac
done
# mode 0440, group 0: as the Secret volume mounts them (defaultMode 0440, fsGroup 0)
chown 0:0 "$OUT/secrets"/* && chmod 0440 "$OUT/secrets"/*
# PostgreSQL's own: the superuser's and each mailer's role password (this mailer's is the Secret's db.password)
secret_value >"$OUT/db-secrets/postgres_password"
mapfile -t MAILERS < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$ROOT/mailers.txt" | grep -v '^$')
for m in "${MAILERS[@]}"; do
    if [[ $m == "$MAILER" ]]; then cp "$OUT/secrets/db.password" "$OUT/db-secrets/${m}_db_password"; else secret_value >"$OUT/db-secrets/${m}_db_password"; fi
done
chmod 0444 "$OUT/db-secrets"/*

# ---------------------------------------------------------------- the services the Deployment needs
services() {
    local m envs=()
    podman network create "$NET" >/dev/null || return 1
    for m in "${MAILERS[@]}"; do
        envs+=(-e "$(tr 'a-z-' 'A-Z_' <<<"$m")_DB_PASSWORD_FILE=/run/secrets/${m}_db_password")
    done
    # compose.yml's postgres service: its init script makes each mailer's database and role
    podman run -d --name kube-play-postgres --network "$NET" --network-alias "postgres.$CLUSTER" --user 999:999 \
        -e POSTGRES_USER=postgres -e POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password \
        -e "POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256 --encoding=UTF8" "${envs[@]}" \
        -e INIT_DB_SQL=/opt/mailer/init-db.sql -e INIT_DB_MAILERS=/opt/mailer/mailers.txt \
        -v "$OUT/db-secrets:/run/secrets:ro" -v "$ROOT/scripts/init-db.sh:/docker-entrypoint-initdb.d/10-init-db.sh:ro" \
        -v "$ROOT/scripts/init-db.sql:/opt/mailer/init-db.sql:ro" -v "$ROOT/mailers.txt:/opt/mailer/mailers.txt:ro" \
        localhost/postgres:15-bookworm postgres -c max_connections=100 >/dev/null || return 1
    # GreenMail: the mailbox's IMAP (1143) and SMTP (1025) server, any login accepted
    podman run -d --name kube-play-mail --network "$NET" localhost/mail-catcher:greenmail-2.1.13 >/dev/null || return 1
    podman run -d --name kube-play-clamav --network "$NET" --network-alias "clamav.$CLUSTER" localhost/clamav:1.4 \
        >/dev/null || return 1
    # the Ollama stand-in on the host, at the test network's gateway (as in test/containers/run.sh)
    GATEWAY=$(podman network inspect "$NET" --format '{{range .Subnets}}{{.Gateway}}{{end}}')
    OLLAMA_PORT=$(free_port)
    python3 "$CT/ollama_standin.py" "$GATEWAY" "$OLLAMA_PORT" >"$OUT/logs/ollama-standin.log" 2>&1 &
    STANDIN_PID=$!
    until_ok 120 podman exec kube-play-postgres pg_isready -q -h 127.0.0.1 -U postgres || { echo "postgres not ready"; return 1; }
    until_ok 120 psql_db "$MAILER" -c 'SELECT 1' >/dev/null || { echo "database $MAILER missing"; return 1; }
    until_ok 120 curl -fsS --max-time 2 "http://$(ip_of kube-play-mail):8025/readyz" >/dev/null || { echo "mail server not ready"; return 1; }
    until_ok 120 podman exec kube-play-clamav clamdcheck.sh >/dev/null 2>&1 || { echo "clamd not ready"; return 1; }
    until_ok 30 curl -fsS --max-time 2 "http://$GATEWAY:$OLLAMA_PORT/api/tags" >/dev/null || { echo "stand-in not answering"; return 1; }
    echo "network $NET: postgres and clamav under their cluster names (*.$CLUSTER), mail server $(ip_of kube-play-mail), Ollama stand-in $GATEWAY:$OLLAMA_PORT"
}
check "PostgreSQL (databases and roles by scripts/init-db.sh), GreenMail, clamd and the Ollama stand-in up" services
[[ $FAILED == 0 ]] || finish

# ---------------------------------------------------------------- render, make Podman's copy, play
MAILBOX="$MAILER@mailer.test"
render() {
    kubectl kustomize "$ROOT/deploy/kubernetes/$MAILER" >"$OUT/rendered.yaml" || return 1
    # the operator's settings for this cluster (the overlay's literals): the test's mailbox and Ollama;
    # a 5 s poll as in the container test (IDLE fetches at once anyway); nothing else
    python3 "$HERE/podman_play.py" "$OUT/rendered.yaml" "$OUT/play.yaml" "$OUT/secrets" \
        MAILER_IMAP_HOST=kube-play-mail MAILER_IMAP_PORT=1143 MAILER_IMAP_SECURITY=plain MAILER_IMAP_USER="$MAILBOX" \
        MAILER_SMTP_HOST=kube-play-mail MAILER_SMTP_PORT=1025 MAILER_SMTP_SECURITY=plain \
        MAILER_OLLAMA_URL="http://$GATEWAY:$OLLAMA_PORT" MAILER_POLL_INTERVAL=5s | tee "$OUT/changes.txt"
    echo "diff of the played file against the render: $OUT/changes.txt lists each difference"
}
check "kubectl kustomize deploy/kubernetes/$MAILER; the copy for Podman 4.3.1 (every difference listed)" render
[[ $FAILED == 0 ]] || finish

PODS=()
play() {
    podman kube play --network "$NET" "$OUT/play.yaml" || return 1
    mapfile -t PODS < <(podman pod ps --filter 'name=^mailer-[0-9]+-pod-[0-9]+$' --format '{{.Name}}' | sort)
    echo "pods: ${PODS[*]}"
    [[ ${#PODS[@]} == 2 ]] || { echo "replicas: 2 gave ${#PODS[@]} pods"; return 1; }
    # each its own emptyDirs (Liberty's output directory), the claim's volume shared
    [[ $(podman inspect "${PODS[0]}-mailer" --format '{{range .Mounts}}{{.Name}} {{end}}') \
        != $(podman inspect "${PODS[1]}-mailer" --format '{{range .Mounts}}{{.Name}} {{end}}') ]] \
        || { echo "the pods share their emptyDir volumes"; return 1; }
    local p
    for p in "${PODS[@]}"; do
        [[ $(podman inspect "$p-mailer" --format '{{.State.Status}}') == running ]] || { echo "$p-mailer not running"; return 1; }
    done
}
check "podman kube play --network $NET: two pods of the Deployment (replicas: 2), each running, each with its own emptyDirs" play
[[ $FAILED == 0 ]] || finish
printf '%s\n' "${PODS[@]}" >"$OUT/pods.txt"
declare -A IP
for p in "${PODS[@]}"; do IP[$p]=$(pod_ip "$p"); done

probes() {
    local args=() p
    for p in "${PODS[@]}"; do args+=("$p=${IP[$p]}"); done
    # the probes as rendered (Podman's copy lacks the named port)
    python3 "$HERE/kubelet_probes.py" "$OUT/rendered.yaml" 300 "${args[@]}"
}
check "both pods: the Deployment's startupProbe, then readinessProbe and livenessProbe succeed (run as the kubelet would)" probes
[[ $FAILED == 0 ]] || finish

# ---------------------------------------------------------------- what Podman made of the rest, as running
as_rendered() {
    local p c bad=0 env
    for p in "${PODS[@]}"; do
        c=$p-mailer
        # uid 1001, gid 0: the pod's securityContext (runAsUser, runAsGroup)
        [[ $(podman exec "$c" id -u):$(podman exec "$c" id -g) == 1001:0 ]] || { echo "$c: runs as $(podman exec "$c" id)"; bad=1; }
        [[ $(podman inspect "$c" --format '{{.HostConfig.ReadonlyRootfs}}') == true ]] || { echo "$c: root file system writable"; bad=1; }
        if podman exec "$c" sh -c 'echo x >/probe-write' 2>/dev/null; then echo "$c: wrote to /"; bad=1; fi
        [[ $(podman exec "$c" awk '/^CapEff/ { print $2 }' /proc/1/status) == 0000000000000000 ]] || { echo "$c: has capabilities"; bad=1; }
        [[ $(podman exec "$c" awk '/^NoNewPrivs/ { print $2 }' /proc/1/status) == 1 ]] || { echo "$c: privilege escalation allowed"; bad=1; }
        # resources.limits: memory 768Mi, cpu 1
        [[ $(podman inspect "$c" --format '{{.HostConfig.Memory}}') == $((768 * 1024 * 1024)) ]] || { echo "$c: memory limit $(podman inspect "$c" --format '{{.HostConfig.Memory}}')"; bad=1; }
        [[ $(podman inspect "$c" --format '{{.HostConfig.CpuQuota}}/{{.HostConfig.CpuPeriod}}') == 100000/100000 ]] || { echo "$c: cpu $(podman inspect "$c" --format '{{.HostConfig.CpuQuota}}/{{.HostConfig.CpuPeriod}}')"; bad=1; }
        # the Secret's files read-only at /run/secrets; the claim's volume at /data
        podman exec "$c" sh -c 'touch /run/secrets/x' 2>/dev/null && { echo "$c: /run/secrets writable"; bad=1; }
        [[ $(podman exec "$c" ls /run/secrets | sort | tr '\n' ' ') == "$(printf '%s\n' "${KEYS[@]}" | sort | tr '\n' ' ')" ]] || { echo "$c: /run/secrets holds $(podman exec "$c" ls /run/secrets)"; bad=1; }
        podman inspect "$c" --format '{{range .Mounts}}{{.Destination}} {{.Name}}{{println}}{{end}}' | grep -qx '/data mailer-data' || { echo "$c: /data is not the volume mailer-data"; bad=1; }
        # every ConfigMap key in the environment, with the played value
        env=$(podman inspect "$c" --format '{{range .Config.Env}}{{println .}}{{end}}')
        python3 -c '
import sys, yaml
cm = next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap")
env = dict(l.split("=", 1) for l in sys.stdin.read().splitlines() if "=" in l)
data = cm["data"]
wrong = [k for k, v in data.items() if env.get(k) != v]
print(len(data) - len(wrong), "of", len(data), "ConfigMap keys in the environment as played; differing:", wrong)
sys.exit(1 if wrong else 0)' "$OUT/play.yaml" <<<"$env" || bad=1
        echo "$c: uid 1001 gid 0, read-only /, no capabilities, no new privileges, 768Mi, 1 cpu, /run/secrets read-only, /data on mailer-data"
    done
    return "$bad"
}
check "as rendered in both containers: user, read-only root, capabilities, limits, mounts, environment from the ConfigMap" as_rendered
podman_liveness() { # the livenessProbe as Podman converted it: a healthcheck, run here by hand (no systemd timers)
    local p c
    for p in "${PODS[@]}"; do
        c=$p-mailer
        podman inspect "$c" --format '{{json .Config.Healthcheck}}'
        podman healthcheck run "$c" || return 1
        echo "$c: $(podman inspect "$c" --format '{{.State.Health.Status}}')"
    done
}
check "the livenessProbe as Podman's healthcheck: podman healthcheck run -> healthy on both" podman_liveness

# ---------------------------------------------------------------- the lease: exactly one pod reads the mailbox
# lease_state POD: "held" or "standby" (the readiness check 'lease', folder INBOX) and the metric
lease_state() {
    curl -s --max-time 5 "http://${IP[$1]}:9080/health/ready" \
        | python3 -c 'import json,sys
for c in json.load(sys.stdin)["checks"]:
    if c["name"] == "lease": print(c["data"].get("folder:INBOX", "none"))' 2>/dev/null
}
lease_metric() {
    curl -s --max-time 5 "http://${IP[$1]}:9080/metrics" | awk '/^mailer_lease_held\{.*folder="INBOX"/ { print $2 + 0 }'
}
HOLDER=""
one_holder() {
    local p held=0 s m
    for p in "${PODS[@]}"; do
        s=$(lease_state "$p")
        m=$(lease_metric "$p")
        echo "$p: $s, mailer_lease_held{folder=\"INBOX\"} $m"
        if [[ $s == held && $m == 1 ]]; then held=$((held + 1)); HOLDER=$p; elif [[ $s != standby || $m != 0 ]]; then return 1; fi
    done
    [[ $held == 1 ]]
}
holder_known() { until_ok 60 one_holder; }
check "exactly one pod holds the folder lease (/health/ready 'lease' and mailer_lease_held), the other stands by" holder_known
echo "$HOLDER" >"$OUT/holder"
HOLDER=$(cat "$OUT/holder")
[[ -n $HOLDER ]] || finish

# ---------------------------------------------------------------- mail: stored once, answered once
# what each mailer's customers write (the Ollama stand-in answers as for the container test's mail)
case $MAILER in
    praxis) ASK="Guten Tag, ich brauche ein Folgerezept" ;;
    *) ASK="Wo ist meine Bestellung order_status A-1001" ;;
esac
send_mail() { # send_mail TEXT: one mail to the mailbox over SMTP, noted in sent.txt
    local id
    id="<kp-$(date +%s%N)-$RANDOM@sender.test>"
    python3 - "$(ip_of kube-play-mail)" "$MAILBOX" "$1" "$id" <<'PY' || return 1
import smtplib, sys
from email.message import EmailMessage
host, to, text, mid = sys.argv[1:5]
m = EmailMessage()
m["From"], m["To"], m["Subject"], m["Message-ID"] = f"kunde-{mid[4:20]}@sender.test", to, "Anfrage", mid
m.set_content(text)
with smtplib.SMTP(host, 1025, timeout=10) as s:
    s.send_message(m)
PY
    echo "$id" >>"$OUT/sent.txt"
}
# every mail sent: one row, one classification, one reply sent (the outbox's SENT row)
all_once() { # all_once TIMEOUT
    local deadline=$(( $(date +%s) + $1 )) bad
    while true; do
        bad=$(psql_db "$MAILER" -F ' ' -c "SELECT m.message_id, count(DISTINCT m.id), count(DISTINCT c.mail_id),
                count(DISTINCT o.id) FILTER (WHERE o.status = 'SENT')
            FROM mail_message m LEFT JOIN classification c ON c.mail_id = m.id LEFT JOIN outbound_mail o ON o.mail_id = m.id
            WHERE m.message_id LIKE '<kp-%' GROUP BY m.message_id" \
            | python3 -c 'import sys
rows = dict(l.split(" ", 1) for l in sys.stdin.read().splitlines() if l)
for mid in open(sys.argv[1]).read().split():
    state = rows.get(mid, "0 0 0")
    if state != "1 1 1":
        print(mid, "stored/classified/answered", state)' "$OUT/sent.txt")
        [[ -z $bad ]] && { echo "$(wc -l <"$OUT/sent.txt") mails: each stored once, classified once, answered once"; return 0; }
        (( $(date +%s) >= deadline )) && { printf '%s\n' "$bad"; return 1; }
        sleep 2
    done
}
mail_once() {
    local i
    for i in 1 2 3 4 5; do send_mail "$ASK ($i)?" || return 1; done
    all_once 180 || return 1
    # which instance stored them: the holder's instance id is in its lease check
    echo "holder: $HOLDER"
}
check "5 mails to the mailbox: each stored once, classified once, answered once" mail_once

# ---------------------------------------------------------------- kill -9 of the holder: the other takes over
takeover() {
    local survivor t0 pid
    survivor=$(printf '%s\n' "${PODS[@]}" | grep -vx "$HOLDER")
    pid=$(podman inspect "$HOLDER-mailer" --format '{{.State.Pid}}')
    t0=$(date +%s)
    kill -9 "$pid" || return 1
    echo "killed the holder $HOLDER-mailer (pid $pid, kill -9)"
    send_mail "Waehrend der Uebernahme: $ASK?" || return 1
    until_ok 90 bash -c "[[ \$(curl -s --max-time 5 http://${IP[$survivor]}:9080/health/ready | grep -o '\"folder:INBOX\":\"held\"') ]]" \
        || { echo "$survivor did not take the lease within 90 s"; return 1; }
    echo "INFO: $survivor holds the lease $(( $(date +%s) - t0 )) s after kill -9 of $HOLDER (mailer.lease.ttl 20s: at most 25 s after the last renewal)"
    echo "$HOLDER-mailer after the kill: $(podman inspect "$HOLDER-mailer" --format '{{.State.Status}}, restarts {{.RestartCount}}') (restart policy $(podman inspect "$HOLDER-mailer" --format '{{.HostConfig.RestartPolicy.Name}}'))"
    send_mail "Nach der Uebernahme: $ASK?" || return 1
    all_once 180
}
check "kill -9 of the holder's container: the other pod takes the lease; mail before, during and after stored and answered once" takeover
rejoined() { # Podman's restart policy (always, the pod's default) brings the killed container back, as a standby
    local t0=$SECONDS
    until_ok 300 bash -c "curl -fs --max-time 5 http://${IP[$HOLDER]}:9080/health/ready >/dev/null" \
        || { echo "$HOLDER not ready again within 300 s"; return 1; }
    echo "$HOLDER-mailer: restarts $(podman inspect "$HOLDER-mailer" --format '{{.RestartCount}}'), ready again after $((SECONDS - t0)) s more"
    one_holder && [[ $HOLDER != "$(cat "$OUT/holder")" ]]
}
check "the killed container restarted by its restart policy: ready again, standing by; exactly one holder" rejoined

finish
