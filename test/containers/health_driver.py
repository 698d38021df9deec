"""Runs the containers' healthchecks on their schedule, as Docker's engine does by itself.

Podman schedules healthchecks with systemd timers, and there is no systemd on the test
machines: without this a container stays `starting` for ever. Every container of the project
(label com.docker.compose.project) that has a healthcheck is probed with `podman healthcheck
run` at start + interval, start + 2 x interval, ... (Docker's schedule without start_interval);
the start period and retries are Podman's own. Runs until killed.

    python3 health_driver.py PROJECT
"""
import json
import subprocess
import sys
import threading
import time
from datetime import datetime

PROJECT = sys.argv[1]
# container id -> (started at, time of the next probe)
schedule = {}
running = set()


def started_at(text):
    # "2026-12-05T01:02:03.123456789Z" or with an offset: seconds are enough
    text = text.split(".")[0].replace("Z", "")
    for fmt in ("%Y-%m-%dT%H:%M:%S",):
        try:
            return datetime.strptime(text[:19], fmt).timestamp()
        except ValueError:
            pass
    return time.time()


def probe(cid):
    try:
        subprocess.run(["podman", "healthcheck", "run", cid], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        pass
    finally:
        running.discard(cid)


def containers():
    out = subprocess.run(["podman", "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.compose.project={PROJECT}"],
                         capture_output=True, text=True).stdout.split()
    if not out:
        return []
    info = subprocess.run(["podman", "inspect", *out], capture_output=True, text=True).stdout
    try:
        return json.loads(info or "[]")
    except ValueError:
        return []


while True:
    now = time.time()
    seen = set()
    for c in containers():
        check = (c.get("Config") or {}).get("Healthcheck") or {}
        if not check.get("Test") or check["Test"][0] == "NONE":
            continue
        cid = c["Id"]
        seen.add(cid)
        interval = (check.get("Interval") or 30_000_000_000) / 1e9
        start = started_at(c["State"].get("StartedAt", ""))
        known = schedule.get(cid)
        if known is None or known[0] != start:
            schedule[cid] = (start, start + interval)
            continue
        if now >= known[1] and cid not in running:
            running.add(cid)
            threading.Thread(target=probe, args=(cid,), daemon=True).start()
            # the next probe: the next multiple of the interval after now
            n = int((now - start) // interval) + 1
            schedule[cid] = (start, start + n * interval)
    for cid in list(schedule):
        if cid not in seen:
            del schedule[cid]
    time.sleep(0.5)
