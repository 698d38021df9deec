#!/usr/bin/env python3
"""Runs the Deployment's startup, readiness and liveness probes against played pods, as the kubelet would.

    kubelet_probes.py RENDERED.yaml READY-WITHIN-SECONDS POD=ADDRESS [POD=ADDRESS ...]

Podman 4.3.1 ignores startupProbe and readinessProbe (and runs a livenessProbe only through systemd timers,
which this machine lacks), so play.sh asks this script. The probes are the Deployment's own (path, named
port, period, timeout, failure threshold); an HTTP status 200-399 is a success, as for the kubelet. Per
pod: the startup probe every periodSeconds until it succeeds; failureThreshold failures in a row (the
kubelet would restart the container) fail the pod. After it, readiness and liveness every periodSeconds;
liveness failing failureThreshold times in a row fails the pod; the pod passes once it is ready. Prints one
line per probe outcome and pod; exit 0 when every pod started and became ready within the time given.
"""
import sys
import threading
import time
import urllib.error
import urllib.request

import yaml

rendered, within, *pods = sys.argv[1:]
deployment = next(d for d in yaml.safe_load_all(open(rendered)) if d and d["kind"] == "Deployment")
container = deployment["spec"]["template"]["spec"]["containers"][0]
ports = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
results = {}


def probe_of(name):
    p = container[name]
    port = p["httpGet"]["port"]
    return {"path": p["httpGet"]["path"], "port": ports.get(port, port), "period": p.get("periodSeconds", 10),
            "timeout": p.get("timeoutSeconds", 1), "threshold": p.get("failureThreshold", 3)}


def ok(address, probe):
    try:
        with urllib.request.urlopen(f"http://{address}:{probe['port']}{probe['path']}", timeout=probe["timeout"]) as r:
            return 200 <= r.status < 400
    except (urllib.error.URLError, OSError):
        return False


def run(pod, address):
    t0 = time.monotonic()
    startup, ready, live = probe_of("startupProbe"), probe_of("readinessProbe"), probe_of("livenessProbe")
    tries = failures = 0
    while True:
        tries += 1
        if ok(address, startup):
            break
        failures += 1
        if failures >= startup["threshold"]:
            print(f"{pod}: startupProbe {startup['path']} failed {failures} times in a row: the kubelet would restart it")
            results[pod] = False
            return
        time.sleep(startup["period"])
    print(f"{pod}: startupProbe {startup['path']} succeeded after {time.monotonic() - t0:.0f} s ({tries} probes)")
    deadline = time.monotonic() + float(within)
    live_failures = 0
    next_live = time.monotonic()
    while time.monotonic() < deadline:
        if time.monotonic() >= next_live:
            live_failures = 0 if ok(address, live) else live_failures + 1
            next_live += live["period"]
            if live_failures >= live["threshold"]:
                print(f"{pod}: livenessProbe {live['path']} failed {live_failures} times in a row: the kubelet would restart it")
                results[pod] = False
                return
        if ok(address, ready):
            alive = ok(address, live)
            print(f"{pod}: readinessProbe {ready['path']} succeeded after {time.monotonic() - t0:.0f} s,"
                  f" livenessProbe {live['path']} {'succeeded' if alive else 'failed'}")
            results[pod] = alive
            return
        time.sleep(ready["period"])
    print(f"{pod}: readinessProbe {ready['path']} not ready within {within} s after start-up")
    results[pod] = False


threads = [threading.Thread(target=run, args=pod.split("=", 1)) for pod in pods]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.exit(0 if len(results) == len(pods) and all(results.values()) else 1)
