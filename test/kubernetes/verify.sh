#!/usr/bin/env bash
# Verifies the Kubernetes manifests (deploy/kubernetes, docs/kubernetes.md) without a cluster and
# without the network:
#
#   bash test/kubernetes/verify.sh
#
# Renders each mailer's overlay (and its Open Liberty Operator variant) with kubectl's built-in
# kustomize, validates every object against the Kubernetes OpenAPI schemas, the Prometheus Operator's
# and the Open Liberty Operator's CRD schemas (validate.mjs), checks the objects against compose.yml
# and each other (parity.py), and proves that both checkers fail on broken input. Installs its npm
# packages into test/kubernetes/node_modules (npm ci) when missing. One PASS/FAIL line per check,
# then "N passed, N failed"; exit 1 on any failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/test/kubernetes"
K8S="$ROOT/deploy/kubernetes"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/k8s-verify.XXXXXX")
PASSED=0
FAILED=0
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# check NAME COMMAND...: one PASS/FAIL line (test/lib/check.sh)
# shellcheck source=test/lib/check.sh
source "$ROOT/test/lib/check.sh"

tools() {
    # kubectl (it carries kustomize) comes with the machine image; checked before this function
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then echo "node and npm are missing"; return 1; fi
    python3 -c 'import yaml' || return 1
    [[ -d $HERE/node_modules/kubernetes-models && -d $HERE/node_modules/typescript \
        && -d $HERE/node_modules/@kubernetes-models/prometheus-operator && -d $HERE/node_modules/ajv ]] && return 0
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
}

mapfile -t MAILERS < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$ROOT/mailers.txt" | grep -v '^$')

render() { # render DIR OUT: kubectl's kustomize, as `kubectl apply -k DIR` would apply it
    kubectl kustomize "$K8S/$1" >"$WORK/$2.yaml" && [[ -s $WORK/$2.yaml ]]
}

validate() { node "$HERE/validate.mjs" "$WORK" "$@"; }

parity() { python3 "$HERE/parity.py" "$ROOT" "$1" "$WORK/$1.yaml" "$WORK/operator-$1.yaml"; }

# validate.mjs must refuse each broken object of fixtures/ (six in five files, one run), each for the
# reason its file names
validate_refuses() {
    local out expected
    if out=$(cd "$HERE" && node validate.mjs "$WORK" fixtures/*.yaml 2>&1); then
        echo "$out"; echo "the broken fixtures passed validation"; return 1
    fi
    while read -r expected; do
        grep -qF -- "$expected" <<<"$out" || { echo "$out"; echo "not reported: $expected"; return 1; }
    done <<'EOF'
fixtures/unknown-field.yaml: Deployment/broken: error TS2353: Object literal may only specify known properties, and '"readinesProbe"' does not exist in type 'IContainer'
/spec/replicas must be integer
/spec/ports/0 must have required property port
fixtures/servicemonitor.yaml: ServiceMonitor/broken: error TS2353: Object literal may only specify known properties, and '"portName"' does not exist in type 'IEndpoint'
/spec/probes must NOT have additional properties {"additionalProperty":"readinessProbe"}
/spec/replicas must be integer {"type":"integer"}
/spec must have required property 'applicationImage'
no schema for app/v1 Deployment
6 object(s) invalid
EOF
}

# parity.py must refuse a render whose SMTP port the policy blocks, whose Secret is not mounted and
# whose readiness probe is gone (the praxis render, changed)
parity_refuses() {
    local m=${MAILERS[0]} out
    python3 - "$WORK/$m.yaml" "$WORK/broken.yaml" <<'PY' || return 1
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
for d in docs:
    if d["kind"] == "ConfigMap":
        d["data"]["MAILER_SMTP_PORT"] = "2525"
    if d["kind"] == "Deployment":
        c = d["spec"]["template"]["spec"]["containers"][0]
        del c["readinessProbe"]
        c["volumeMounts"] = [v for v in c["volumeMounts"] if v["mountPath"] != "/run/secrets"]
yaml.safe_dump_all(docs, open(sys.argv[2], "w"))
PY
    if out=$(python3 "$HERE/parity.py" "$ROOT" "$m" "$WORK/broken.yaml" "$WORK/operator-$m.yaml" 2>&1); then
        echo "$out"; echo "a broken render passed"; return 1
    fi
    local expected
    for expected in "MAILER_SMTP_PORT uses port 2525, which the NetworkPolicy blocks" "nothing mounted at /run/secrets" \
        "readinessProbe is missing" "MAILER_SMTP_PORT='2525', compose.yml's default is '587'"; do
        grep -qF -- "$expected" <<<"$out" || { echo "$out"; echo "not reported: $expected"; return 1; }
    done
}

# kubectl is not in Debian's repositories in a usable version (kubernetes-client 1.20's kustomize is too
# old for these overlays) and no other registry is reachable: without it, say so loudly and check nothing
if ! command -v kubectl >/dev/null; then
    echo "SKIPPED: kubectl is not installed, so the manifests were not rendered or validated"
    echo "0 passed, 0 failed (skipped: no kubectl)"
    exit 0
fi
if ! check "tools: kubectl (kustomize), node, python3-yaml, npm packages" tools; then
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi

rendered=()
for m in "${MAILERS[@]}"; do
    check "kubectl kustomize deploy/kubernetes/$m" render "$m" "$m" && rendered+=("$WORK/$m.yaml")
    check "kubectl kustomize deploy/kubernetes/operator/$m" render "operator/$m" "operator-$m" \
        && rendered+=("$WORK/operator-$m.yaml")
done
check "every object valid: Kubernetes OpenAPI, ServiceMonitor and OpenLibertyApplication CRD schemas, no unknown field" \
    validate "${rendered[@]}"
for m in "${MAILERS[@]}"; do
    check "$m: environment and secret files as compose.yml's, probes, selectors, network policy, operator variant" parity "$m"
done
check "validate.mjs refuses unknown fields, wrong types, missing fields and unknown kinds (fixtures/)" validate_refuses
check "parity.py refuses a blocked port, an unmounted Secret and a missing probe" parity_refuses

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
