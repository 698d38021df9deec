#!/usr/bin/env python3
"""Turns one rendered overlay into the file `podman kube play` (Podman 4.3.1) runs, and says what differs.

    podman_play.py RENDERED.yaml OUT.yaml SECRETS-DIR [KEY=VALUE ...]

Podman 4.3.1 cannot run the Deployment as rendered: a Secret volume makes `podman kube play` fail (no
Podman secret of that name) or panic (with one); it publishes each containerPort on the host (the second
replica cannot bind it); it turns a named probe port into 0; and it makes an emptyDir a named volume that
every replica shares. So the copy differs from the render in exactly these ways, each printed as one line:

  SETTING  a ConfigMap value an operator sets for their cluster (the mailbox, the Ollama address: the
           test's servers); only keys the render has, never a new one
  PODMAN   what Podman 4.3.1 cannot take, replaced by the nearest thing it can: the Secret volume by a
           hostPath directory holding the same files, the containerPort dropped, the liveness probe's port
           by its number, replicas: N by N copies with replicas: 1 and emptyDirs of their own
  OMITTED  an object kind Podman has no counterpart for (Service, NetworkPolicy, ...)
  UNSUPPORTED  a field kept as rendered that Podman 4.3.1's manual (podman-kube-play(1), "Podman Kube
           Play Support") lists as unsupported: the file carries it, Podman need not act on it (play.sh runs
           the startup and readiness probes as the kubelet would, and checks the user the container runs as)

Everything else (image, env from the ConfigMap, resources, the security contexts, mounts, the
PersistentVolumeClaim, the probes' paths and timing) is the render's.
"""
import copy
import sys

import yaml

# podman-kube-play(1) of 4.3.1: the fields of the pod spec / container / Deployment without a tick
UNSUPPORTED_POD = ["enableServiceLinks", "automountServiceAccountToken", "terminationGracePeriodSeconds",
                   "affinity", "securityContext.runAsNonRoot", "securityContext.fsGroup",
                   "securityContext.seccompProfile"]
UNSUPPORTED_CONTAINER = ["readinessProbe", "startupProbe", "securityContext.runAsNonRoot",
                         "securityContext.seccompProfile"]
UNSUPPORTED_DEPLOYMENT = ["strategy", "revisionHistoryLimit", "minReadySeconds", "progressDeadlineSeconds"]
PLAYED_KINDS = {"ConfigMap", "PersistentVolumeClaim", "Deployment"}


def say(kind, text):
    print(f"{kind:11} {text}")


def get(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def settings(cm, pairs):
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key not in cm["data"]:
            sys.exit(f"podman_play: {key} is no key of ConfigMap {cm['metadata']['name']}: a setting only changes a value")
        if cm["data"][key] != value:
            say("SETTING", f"ConfigMap/{cm['metadata']['name']} {key}: {cm['data'][key]!r} -> {value!r}")
            cm["data"][key] = value


def deployment(d, secrets_dir):
    name = d["metadata"]["name"]
    for field in UNSUPPORTED_DEPLOYMENT:
        if get(d["spec"], field) is not None:
            say("UNSUPPORTED", f"Deployment/{name} spec.{field}")
    pod = d["spec"]["template"]["spec"]
    for field in UNSUPPORTED_POD:
        if get(pod, field) is not None:
            say("UNSUPPORTED", f"Deployment/{name} pod {field}: {get(pod, field)!r}"[:160])
    for c in pod["containers"]:
        for field in UNSUPPORTED_CONTAINER:
            if get(c, field) is not None:
                say("UNSUPPORTED", f"Deployment/{name} container {c['name']} {field}"
                    + (" (play.sh probes it as the kubelet would)" if field.endswith("Probe") else ""))
    for c in pod["containers"]:
        named = {p["name"]: p["containerPort"] for p in c.get("ports", []) if "name" in p}
        probe = c.get("livenessProbe", {}).get("httpGet")
        if probe and probe["port"] in named:
            say("PODMAN", f"Deployment/{name} container {c['name']} livenessProbe port {probe['port']!r} -> "
                f"{named[probe['port']]}: Podman 4.3.1 does not resolve a named port (its healthcheck would be "
                "curl -f http://localhost:0/...)")
            probe["port"] = named[probe["port"]]
        ports = c.pop("ports", None)
        if ports:
            say("PODMAN", f"Deployment/{name} container {c['name']} ports "
                f"{[(p.get('name'), p['containerPort']) for p in ports]}: dropped, Podman 4.3.1 publishes each "
                "containerPort on the host's port of that number (0.0.0.0), so a second replica cannot start; the "
                "pods are reached at their own addresses")
    for v in pod.get("volumes", []):
        if "secret" in v:
            secret = v.pop("secret")
            v["hostPath"] = {"path": secrets_dir, "type": "Directory"}
            say("PODMAN", f"Deployment/{name} volume {v['name']}: secret {secret['secretName']} "
                f"(defaultMode {oct(secret.get('defaultMode', 0o644))}) -> hostPath {secrets_dir} holding the same "
                "keys as files, mode 0440, group 0 (Podman 4.3.1 refuses or panics on a Secret volume)")
        if "emptyDir" in v and v["emptyDir"]:
            say("UNSUPPORTED", f"Deployment/{name} volume {v['name']} emptyDir {v['emptyDir']}: Podman makes a named "
                "volume on disk, neither in memory nor size-limited")


def replicas(d):
    """Podman 4.3.1 makes an emptyDir a named volume called like the pod's volume, which every replica of the
    Deployment would then share (two Liberty servers in one output directory): one copy per replica, with
    replicas: 1 and emptyDir volumes of their own."""
    n = d["spec"].get("replicas", 1)
    pod = d["spec"]["template"]["spec"]
    empty = [v["name"] for v in pod.get("volumes", []) if "emptyDir" in v]
    if n == 1 or not empty:
        return [d]
    name = d["metadata"]["name"]
    say("PODMAN", f"Deployment/{name} replicas: {n} -> {n} Deployments {name}-0 .. {name}-{n - 1} with replicas: 1 "
        f"and the emptyDir volumes {empty} renamed <deployment>-<volume>: Podman 4.3.1 makes an emptyDir a named "
        "volume called like the pod's volume, shared by all replicas (two Liberty servers in one output directory)")
    copies = []
    for i in range(n):
        c = copy.deepcopy(d)
        c["metadata"]["name"] = f"{name}-{i}"
        c["spec"]["replicas"] = 1
        spec = c["spec"]["template"]["spec"]
        for v in spec["volumes"]:
            if v["name"] in empty:
                v["name"] = f"{name}-{i}-{v['name']}"
        for container in spec["containers"]:
            for m in container.get("volumeMounts", []):
                if m["name"] in empty:
                    m["name"] = f"{name}-{i}-{m['name']}"
        copies.append(c)
    return copies


def main():
    rendered, out, secrets_dir, *pairs = sys.argv[1:]
    docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
    played = []
    for d in docs:
        kind, name = d["kind"], d["metadata"]["name"]
        if kind not in PLAYED_KINDS:
            say("OMITTED", f"{kind}/{name} (no Podman counterpart)")
            continue
        if kind == "ConfigMap":
            settings(d, pairs)
        elif kind == "Deployment":
            if any(p["kind"] == "Deployment" for p in played):
                sys.exit("podman_play: the render must hold exactly one Deployment")
            deployment(d, secrets_dir)
            played.extend(replicas(d))
            continue
        played.append(d)
    # the ConfigMap first: Podman resolves envFrom against the ConfigMaps it has read so far
    played.sort(key=lambda d: ["ConfigMap", "PersistentVolumeClaim", "Deployment"].index(d["kind"]))
    with open(out, "w") as f:
        yaml.safe_dump_all(played, f, sort_keys=False)


main()
