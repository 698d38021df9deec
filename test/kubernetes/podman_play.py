#!/usr/bin/env python3
"""Turns one rendered overlay into the file `podman kube play` (Podman 4.3.1) runs, and says what differs.

    podman_play.py RENDERED.yaml OUT.yaml SECRETS-DIR [KEY=VALUE ...]

Podman 4.3.1 cannot run the Deployment as rendered: a Secret volume makes `podman kube play` fail (no
Podman secret of that name) or panic (with one). So the copy differs from the render in exactly these
ways, each printed as one line:

  SETTING  a ConfigMap value an operator sets for their cluster (the mailbox, the Ollama address: the
           test's servers); only keys the render has, never a new one
  PODMAN   what Podman 4.3.1 cannot take, replaced by the nearest thing it can (the Secret volume by a
           hostPath directory holding the same files)
  OMITTED  an object kind Podman has no counterpart for (Service, NetworkPolicy, ...)
  IGNORED  a field kept as rendered that Podman 4.3.1's manual (podman-kube-play(1), "Podman Kube Play
           Support") lists as unsupported: the file carries it, Podman does not act on it (the probes
           among them are run by play.sh, as the kubelet would)

Everything else (image, command, env from the ConfigMap, ports, resources, the container's security
context, mounts, emptyDirs, the PersistentVolumeClaim, the liveness probe, replicas) is the render's.
"""
import sys

import yaml

# podman-kube-play(1) of 4.3.1: the fields of the pod spec / container / Deployment without a tick
UNSUPPORTED_POD = ["enableServiceLinks", "automountServiceAccountToken", "terminationGracePeriodSeconds",
                   "affinity", "securityContext.runAsNonRoot", "securityContext.runAsUser",
                   "securityContext.runAsGroup", "securityContext.fsGroup", "securityContext.seccompProfile"]
UNSUPPORTED_CONTAINER = ["readinessProbe", "startupProbe", "securityContext.runAsNonRoot",
                         "securityContext.seccompProfile"]
UNSUPPORTED_DEPLOYMENT = ["strategy", "revisionHistoryLimit", "minReadySeconds", "progressDeadlineSeconds"]
PLAYED_KINDS = {"ConfigMap", "PersistentVolumeClaim", "Deployment"}


def say(kind, text):
    print(f"{kind:8} {text}")


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
            say("IGNORED", f"Deployment/{name} spec.{field}")
    pod = d["spec"]["template"]["spec"]
    for field in UNSUPPORTED_POD:
        if get(pod, field) is not None:
            say("IGNORED", f"Deployment/{name} pod {field}: {get(pod, field)!r}"[:160])
    for c in pod["containers"]:
        for field in UNSUPPORTED_CONTAINER:
            if get(c, field) is not None:
                say("IGNORED", f"Deployment/{name} container {c['name']} {field}"
                    + (" (play.sh probes it as the kubelet would)" if field.endswith("Probe") else ""))
    for v in pod.get("volumes", []):
        if "secret" in v:
            secret = v.pop("secret")
            v["hostPath"] = {"path": secrets_dir, "type": "Directory"}
            say("PODMAN", f"Deployment/{name} volume {v['name']}: secret {secret['secretName']} "
                f"(defaultMode {oct(secret.get('defaultMode', 0o644))}) -> hostPath {secrets_dir} holding the same "
                "keys as files, mode 0440, group 0 (Podman 4.3.1 refuses or panics on a Secret volume)")
        if "emptyDir" in v and v["emptyDir"]:
            say("IGNORED", f"Deployment/{name} volume {v['name']} emptyDir {v['emptyDir']}: Podman makes a volume on "
                "disk, neither in memory nor size-limited")


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
            deployment(d, secrets_dir)
        played.append(d)
    if [d["kind"] for d in played].count("Deployment") != 1:
        sys.exit("podman_play: the render must hold exactly one Deployment")
    # the ConfigMap first: Podman resolves envFrom against the ConfigMaps it has read so far
    played.sort(key=lambda d: ["ConfigMap", "PersistentVolumeClaim", "Deployment"].index(d["kind"]))
    with open(out, "w") as f:
        yaml.safe_dump_all(played, f, sort_keys=False)


main()
