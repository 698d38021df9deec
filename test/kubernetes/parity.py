#!/usr/bin/env python3
"""The rendered Kubernetes manifests of one mailer agree with compose.yml and with themselves.

    parity.py ROOT MAILER PLAIN.yaml OPERATOR.yaml

Schemas say an object is well-formed; this says it is the mailer the compose stack runs: the same
environment keys and values (bar the service addresses), the same secret files at the same place,
the health endpoints on the server's HTTP port, selectors that find the pods, and a NetworkPolicy
that lets through every port the configuration names. Prints each problem; exit 1 if any.
"""
import re
import sys
from urllib.parse import urlparse

import yaml

# values that must differ from compose.yml: the shared services' addresses in the cluster, the
# mailbox (compose takes it from .env) and the staff page's address
ADDRESSES = {"DB_HOST", "MAILER_ATTACHMENT_CLAMD_HOST", "MAILER_OLLAMA_URL", "MAILER_ATTACHMENT_ARCHIVE_ENDPOINT",
             "MAILER_IMAP_USER", "MAILER_NOTIFY_PAGE_URL"}
# Liberty variables read from files in VARIABLE_SOURCE_DIRS (server.xml, the review component)
VARIABLE_FILES = {"db.password", "review.admin.password", "review.staff.password", "review.lan.keystore.password"}
PROBES = {"startupProbe": "/health/started", "livenessProbe": "/health/live", "readinessProbe": "/health/ready"}

problems = []


def problem(text):
    problems.append(text)


def compose_default(value):
    """compose.yml's value with ${VAR:-default} replaced by its default (what an empty .env gives)."""
    return re.sub(r"\$\{[A-Z0-9_]+(?::?-([^}]*))?(?::\?[^}]*)?\}", lambda m: m.group(1) or "", str(value))


def load(path):
    return [d for d in yaml.safe_load_all(open(path)) if d]


def one(docs, kind, where):
    found = [d for d in docs if d["kind"] == kind]
    if len(found) != 1:
        problem(f"{where}: {len(found)} {kind} objects, expected 1")
        return None
    return found[0]


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def check_environment(cm, service, where):
    env = service["environment"]
    missing = sorted(set(env) - set(cm))
    extra = sorted(set(cm) - set(env))
    if missing:
        problem(f"{where}: ConfigMap lacks compose.yml's keys {missing}")
    if extra:
        problem(f"{where}: ConfigMap has keys compose.yml does not set {extra}")
    for key in sorted(set(env) & set(cm) - ADDRESSES):
        if compose_default(env[key]) != str(cm[key]):
            problem(f"{where}: {key}={cm[key]!r}, compose.yml's default is {compose_default(env[key])!r}")


def check_secrets(cm, service, mounts, volumes, where):
    """The secret files the app reads are exactly compose.yml's, in the mounted Secret."""
    targets = {s if isinstance(s, str) else s.get("target", s["source"]) for s in service.get("secrets", [])}
    directory = cm.get("VARIABLE_SOURCE_DIRS")
    named = {k: v for k, v in cm.items() if k.endswith("_FILE")}
    read = set(VARIABLE_FILES)
    for key, path in named.items():
        if not path.startswith(f"{directory}/"):
            problem(f"{where}: {key}={path} is not in VARIABLE_SOURCE_DIRS {directory}")
        read.add(path.rsplit("/", 1)[-1])
    if read != targets:
        problem(f"{where}: secret files read {sorted(read)} differ from compose.yml's {sorted(targets)}")
    mount = [m for m in mounts if m["mountPath"] == directory]
    if not mount:
        problem(f"{where}: nothing mounted at {directory}")
        return
    volume = [v for v in volumes if v["name"] == mount[0]["name"]]
    if not volume or "secret" not in volume[0]:
        problem(f"{where}: {directory} is not a Secret volume")
    elif volume[0]["secret"].get("items"):
        problem(f"{where}: the Secret volume selects items; every key must be a file")
    if not mount[0].get("readOnly"):
        problem(f"{where}: the Secret is mounted writable")


def check_probes(probes, port, where):
    for name, path in PROBES.items():
        get = (probes.get(name) or {}).get("httpGet") or {}
        if get.get("path") != path or get.get("port") not in (port, "http"):
            problem(f"{where}: {name} is {get or 'missing'}, expected GET {path} on {port}")


def check_network_policy(policy, pods, cm, where):
    if not selects(policy["spec"]["podSelector"].get("matchLabels"), pods):
        problem(f"{where}: the NetworkPolicy does not select the mailer's pods")
    if set(policy["spec"].get("policyTypes", [])) != {"Ingress", "Egress"}:
        problem(f"{where}: the NetworkPolicy must restrict both ingress and egress")
    allowed = {(p.get("protocol", "TCP"), p["port"]) for rule in policy["spec"]["egress"] for p in rule.get("ports", [])}
    expected = {("UDP", 53), ("TCP", 53), ("TCP", 5432), ("TCP", 3310), ("TCP", 11434), ("TCP", 993), ("TCP", 465), ("TCP", 587)}
    if allowed != expected:
        problem(f"{where}: egress ports {sorted(allowed)}, expected {sorted(expected)}")
    if any(not rule.get("ports") for rule in policy["spec"]["egress"]):
        problem(f"{where}: an egress rule without ports allows every port")
    # every port the configuration uses gets through
    ollama = urlparse(cm["MAILER_OLLAMA_URL"])
    for what, port in (("DB_PORT", cm["DB_PORT"]), ("MAILER_ATTACHMENT_CLAMD_PORT", cm["MAILER_ATTACHMENT_CLAMD_PORT"]),
                       ("MAILER_OLLAMA_URL", ollama.port or 80), ("MAILER_IMAP_PORT", cm["MAILER_IMAP_PORT"]),
                       ("MAILER_SMTP_PORT", cm["MAILER_SMTP_PORT"])):
        if ("TCP", int(port)) not in allowed:
            problem(f"{where}: {what} uses port {port}, which the NetworkPolicy blocks")


def check_plain(docs, compose, mailer, http_port):
    where = f"{mailer}"
    service = compose["services"][f"{mailer}-mailer"]
    cm = one(docs, "ConfigMap", where)
    dep = one(docs, "Deployment", where)
    svc = one(docs, "Service", where)
    pdb = one(docs, "PodDisruptionBudget", where)
    pol = one(docs, "NetworkPolicy", where)
    mon = one(docs, "ServiceMonitor", where)
    if None in (cm, dep, svc, pdb, pol, mon):
        return
    data = cm["data"]
    spec = dep["spec"]
    pod = spec["template"]["spec"]
    pods = spec["template"]["metadata"]["labels"]
    (container,) = pod["containers"]
    if data.get("MP_CONFIG_PROFILE") != mailer:
        problem(f"{where}: MP_CONFIG_PROFILE={data.get('MP_CONFIG_PROFILE')}")
    if spec.get("replicas") != 2:
        problem(f"{where}: {spec.get('replicas')} replicas, expected 2")
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    if ports.get("http") != http_port:
        problem(f"{where}: container port http is {ports.get('http')}, server.xml's http.port is {http_port}")
    check_environment(data, service, where)
    check_secrets(data, service, container.get("volumeMounts", []), pod.get("volumes", []), where)
    check_probes(container, http_port, where)
    if [e["configMapRef"]["name"] for e in container.get("envFrom", [])] != [cm["metadata"]["name"]]:
        problem(f"{where}: the container does not take its environment from {cm['metadata']['name']}")
    limit = container["resources"]["limits"]["memory"]
    compose_limit = service["deploy"]["resources"]["limits"]["memory"]
    if limit != f"{compose_limit[:-1]}Mi":
        problem(f"{where}: memory limit {limit}, compose.yml's is {compose_limit}")
    for name, selector in (("Deployment", spec["selector"]["matchLabels"]), ("Service", svc["spec"]["selector"]),
                           ("PodDisruptionBudget", pdb["spec"]["selector"]["matchLabels"])):
        if not selects(selector, pods):
            problem(f"{where}: the {name}'s selector {selector} does not select the pods {pods}")
    if pdb["spec"].get("minAvailable") != 1:
        problem(f"{where}: the PodDisruptionBudget keeps {pdb['spec'].get('minAvailable')} instances, expected 1")
    if not selects(mon["spec"]["selector"]["matchLabels"], svc["metadata"]["labels"]):
        problem(f"{where}: the ServiceMonitor does not select the Service")
    if svc["metadata"]["labels"].get("mailer") != mailer or "mailer" not in mon["spec"].get("targetLabels", []):
        problem(f"{where}: the metrics would not carry mailer={mailer}")
    endpoint_ports = {e.get("port") for e in mon["spec"]["endpoints"]}
    if endpoint_ports != {p["name"] for p in svc["spec"]["ports"]}:
        problem(f"{where}: ServiceMonitor ports {endpoint_ports} are not the Service's")
    check_network_policy(pol, pods, data, where)
    return dep, cm


def check_operator(docs, plain, mailer, http_port):
    where = f"operator/{mailer}"
    dep, cm = plain
    app = one(docs, "OpenLibertyApplication", where)
    if app is None:
        return
    for kind in ("Deployment", "Service", "ServiceMonitor"):
        if any(d["kind"] == kind for d in docs):
            problem(f"{where}: a {kind} beside the OpenLibertyApplication (the operator makes it)")
    spec = app["spec"]
    pod = dep["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    check_probes({f"{k}Probe": v for k, v in spec.get("probes", {}).items()}, http_port, where)
    same = {
        "replicas": (spec.get("replicas"), dep["spec"]["replicas"]),
        "resources": (spec.get("resources"), container["resources"]),
        "envFrom": (spec.get("envFrom"), container["envFrom"]),
        "volumes": (spec.get("volumes"), pod["volumes"]),
        "volumeMounts": (spec.get("volumeMounts"), container["volumeMounts"]),
        "service port": (spec.get("service", {}).get("port"), http_port),
    }
    for what, (theirs, ours) in same.items():
        if theirs != ours:
            problem(f"{where}: {what} differs from the Deployment's: {theirs} / {ours}")
    names = {d["metadata"]["name"] for d in docs if d["kind"] == "ConfigMap"}
    if cm["metadata"]["name"] not in names:
        problem(f"{where}: the ConfigMap {cm['metadata']['name']} is not rendered")
    # the operator names its pods' app.kubernetes.io/name after the resource: the PDB and the policy must find them
    pods = {"app.kubernetes.io/name": app["metadata"]["name"], **app["metadata"].get("labels", {})}
    for kind in ("PodDisruptionBudget", "NetworkPolicy"):
        obj = one(docs, kind, where)
        selector = obj and (obj["spec"].get("selector") or obj["spec"].get("podSelector") or {}).get("matchLabels")
        if obj and not selects(selector, pods):
            problem(f"{where}: the {kind} does not select the operator's pods {pods}")
    if not spec.get("networkPolicy", {}).get("disable"):
        problem(f"{where}: the operator's own NetworkPolicy is on beside ours")
    relabel = [r for e in spec.get("monitoring", {}).get("endpoints", []) for r in e.get("relabelings", [])]
    if not any(r.get("targetLabel") == "mailer" and r.get("replacement") == mailer for r in relabel):
        problem(f"{where}: the metrics would not carry mailer={mailer}")


def main():
    root, mailer, plain_file, operator_file = sys.argv[1:5]
    compose = yaml.safe_load(open(f"{root}/compose.yml"))
    server = open(f"{root}/src/main/liberty/config/server.xml").read()
    http_port = int(re.search(r'<variable name="http.port" defaultValue="(\d+)"/>', server).group(1))
    plain = check_plain(load(plain_file), compose, mailer, http_port)
    if plain:
        check_operator(load(operator_file), plain, mailer, http_port)
    for p in problems:
        print(p)
    if not problems:
        print(f"{mailer}: agrees with compose.yml (environment, secrets), probes, selectors, network policy, operator variant")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
