"""Checks compose.yml against the stack's own rules and prints one PASS/FAIL line per rule.

A service may break the user, read_only, host_mounts, privileges or depends_on rule (a mere start
order, condition service_started) only with a reason in its `x-policy-exceptions` mapping; every
other rule has no exception.

    python3 test/stack/policy.py compose.yml [.env.example]

Variables are interpolated as Compose does, from the env file (default: .env.example beside
compose.yml) and the ${VAR:-default} defaults, so the rules see the values that will run.
"""
import os
import re
import sys

import yaml

SECRET_WORDS = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|ENCRYPTION_?KEY)", re.I)
LITERAL_FLAG = re.compile(r"--?[\w.-]*(password|passwd|requirepass|secret|token)[\w.-]*[= ]+(?![\"']?\$)[^\s\"']+", re.I)
ROOT_USERS = {"0", "root", "0:0", "root:root"}
EXCEPTABLE = {"user", "read_only", "host_mounts", "privileges", "depends_on"}


VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}|\$(\w+)")


def read_env(path):
    values = {}
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip()
    return values


def interpolate(value, env):
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def substitute(m):
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(4)
        op, arg = m.group(2), m.group(3)
        current = env.get(name)
        if op in (":-", "-") and not current:
            return arg
        return current or ""

    return VARIABLE.sub(substitute, value)


def load(path, env_path=None):
    if env_path is None:
        env_path = os.path.join(os.path.dirname(os.path.abspath(path)), ".env.example")
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    return interpolate(doc, read_env(env_path))


def env_items(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        for item in env:
            key, _, value = str(item).partition("=")
            yield key, value
    else:
        for key, value in env.items():
            yield key, "" if value is None else str(value)


def short_port(spec):
    """Host IP of a short port syntax such as 127.0.0.1:3000:3000 (None when unbound)."""
    parts = str(spec).split(":")
    if len(parts) == 3:
        return parts[0]
    return None


def mounts(service):
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            yield volume.get("type", "volume"), str(volume.get("source", "")), volume
        else:
            source = str(volume).split(":")[0]
            kind = "bind" if source.startswith(("/", ".", "~", "$")) else "volume"
            yield kind, source, volume


def main(path, env_path=None):
    doc = load(path, env_path)
    services = doc.get("services") or {}
    volumes = set((doc.get("volumes") or {}).keys())
    networks = doc.get("networks") or {}
    secrets = doc.get("secrets") or {}
    failures = {}

    def fail(rule, message):
        failures.setdefault(rule, []).append(message)

    for name, svc in services.items():
        exceptions = svc.get("x-policy-exceptions") or {}
        for key, reason in exceptions.items():
            if key not in EXCEPTABLE:
                fail("exceptions", f"{name}: '{key}' cannot be excepted")
            elif not str(reason).strip() or len(str(reason)) < 20:
                fail("exceptions", f"{name}: the exception for {key} needs a real reason")

        for spec in svc.get("ports") or []:
            if isinstance(spec, dict):
                host_ip = spec.get("host_ip")
                published = spec.get("published")
            else:
                host_ip = short_port(spec)
                published = True
            if published and host_ip != "127.0.0.1":
                fail("ports", f"{name}: {spec} is not bound to 127.0.0.1")
        if svc.get("network_mode") == "host":
            fail("ports", f"{name}: network_mode host bypasses port binding")

        for key, value in env_items(svc):
            if SECRET_WORDS.search(key) and not re.search(r"_FILE$", key):
                fail("secrets", f"{name}: {key} carries a secret in plain text; use {key}_FILE")
            if re.search(r"_FILE$", key) and SECRET_WORDS.search(key) and not value.startswith("/run/secrets/"):
                fail("secrets", f"{name}: {key} must point into /run/secrets/")
        for part in _strings(svc.get("command")) + _strings((svc.get("healthcheck") or {}).get("test")):
            if LITERAL_FLAG.search(part):
                fail("secrets", f"{name}: literal secret in a command: {part}")
        for item in svc.get("secrets") or []:
            source = item["source"] if isinstance(item, dict) else item
            if source not in secrets:
                fail("secrets", f"{name}: secret {source} is not declared")

        check = svc.get("healthcheck")
        if not check or check.get("disable") or check.get("test") in (["NONE"], "NONE"):
            fail("healthcheck", f"{name}: no healthcheck")

        resources = ((svc.get("deploy") or {}).get("resources")) or {}
        limits = resources.get("limits") or {}
        reservations = resources.get("reservations") or {}
        if not (limits.get("memory") and limits.get("cpus") and reservations.get("memory")):
            fail("limits", f"{name}: needs deploy.resources.limits.memory/cpus and reservations.memory")

        user = str(svc.get("user", "")).strip()
        if (not user or user in ROOT_USERS or user.startswith("0:")) and "user" not in exceptions:
            fail("user", f"{name}: runs as root (set user: or document x-policy-exceptions.user)")

        # survives engine restarts and reboots, never gives up after N failures, honours `stop`
        restart = str(svc.get("restart", ""))
        if restart != "unless-stopped":
            fail("restart", f"{name}: restart is '{restart}', expected unless-stopped")

        if "privileges" not in exceptions:
            if "no-new-privileges:true" not in [str(o).replace("=", ":") for o in svc.get("security_opt") or []]:
                fail("privileges", f"{name}: needs security_opt no-new-privileges:true")
            if [str(c).upper() for c in svc.get("cap_drop") or []] != ["ALL"]:
                fail("privileges", f"{name}: needs cap_drop: [ALL] (add back only what it needs with cap_add)")
            if svc.get("privileged"):
                fail("privileges", f"{name}: privileged")
        if not isinstance(svc.get("pids_limit"), int) or svc["pids_limit"] <= 0:
            fail("privileges", f"{name}: needs a pids_limit")

        logging = svc.get("logging") or {}
        options = logging.get("options") or {}
        if logging.get("driver") != "json-file" or not options.get("max-size") or not options.get("max-file"):
            fail("logging", f"{name}: needs json-file logging with max-size and max-file")

        for kind, source, raw in mounts(svc):
            # this repository's configuration, read-only: allowed (Compose v1.29 has no configs:)
            if kind == "bind" and (source.startswith(("./monitoring", "./scripts/")) or source == "./mailers.txt") and str(raw).endswith(":ro"):
                continue
            if kind == "bind" and "host_mounts" not in exceptions:
                fail("volumes", f"{name}: host path {source} (use a named volume, or configs:)")
            if kind == "volume" and source and source not in volumes:
                fail("volumes", f"{name}: volume {source} is not declared")

        if svc.get("read_only") is not True and "read_only" not in exceptions:
            fail("read_only", f"{name}: no read-only root file system (read_only: true, or document why)")

        image = str(svc.get("image", ""))
        if svc.get("build") is None and (":" not in image.split("/")[-1] or image.endswith(":latest")):
            fail("images", f"{name}: image '{image}' is not pinned to a tag")

        for dep, condition in _depends(svc):
            if dep not in services:
                fail("depends_on", f"{name}: depends on unknown {dep}")
            elif condition == "service_started" and "depends_on" in exceptions:
                pass
            elif condition not in ("service_healthy", "service_completed_successfully"):
                fail("depends_on", f"{name}: depends on {dep} with condition {condition}, expected service_healthy")

        for net in _networks(svc):
            if net not in networks:
                fail("networks", f"{name}: network {net} is not declared")

    for net in ("backend", "monitoring"):
        if not (networks.get(net) or {}).get("internal"):
            fail("networks", f"network {net} must be internal")
    for name, secret in secrets.items():
        if "environment" in (secret or {}) or not str((secret or {}).get("file", "")).startswith("./secrets/"):
            fail("secrets", f"secret {name} must be a file below ./secrets/")

    rules = ["exceptions", "ports", "secrets", "healthcheck", "limits", "user", "restart", "privileges",
             "logging", "volumes", "read_only", "images", "depends_on", "networks"]
    for rule in rules:
        if rule in failures:
            print(f"FAIL: policy {rule}")
            for message in failures[rule]:
                print(f"  {message}")
        else:
            print(f"PASS: policy {rule} ({len(services)} services)")
    return 1 if failures else 0


def _strings(value):
    if value is None:
        return []
    if isinstance(value, list):
        # each argument, and the whole command line for flags whose value is the next argument
        return [str(v) for v in value] + [" ".join(str(v) for v in value)]
    return [str(value)]


def _depends(svc):
    depends = svc.get("depends_on") or {}
    if isinstance(depends, list):
        for dep in depends:
            yield dep, "service_started"
    else:
        for dep, spec in depends.items():
            yield dep, (spec or {}).get("condition", "service_started")


def _networks(svc):
    nets = svc.get("networks") or []
    return list(nets.keys()) if isinstance(nets, dict) else list(nets)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
