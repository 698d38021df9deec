"""Runs the containers' healthchecks on their schedule, as Docker's engine does by itself.

Podman schedules healthchecks with systemd timers, and there is no systemd on the test
machines: without this a container stays `starting` for ever. Every running container of the
project (label com.docker.compose.project) that has a healthcheck is probed with `podman
healthcheck run` at start + interval, start + 2 x interval, ... (Docker's schedule without
start_interval); the start period and retries are Podman's own. Runs until killed.

One `podman ps` a second; a container's healthcheck settings are read once per container id
(they do not change while it exists), so the driver itself costs little CPU.

    python3 health_driver.py PROJECT
"""
import json
import subprocess
import sys
import threading
import time

PROJECT = sys.argv[1]
# container id -> (started at, time of the next probe)
schedule = {}
# container id -> probe interval in seconds, or None without a healthcheck
intervals = {}
running = set()


def probe(cid):
    try:
        subprocess.run(["podman", "healthcheck", "run", cid], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        pass
    finally:
        running.discard(cid)


def interval_of(cid):
    if cid not in intervals:
        out = subprocess.run(["podman", "inspect", "--format", "{{json .Config.Healthcheck}}", cid],
                             capture_output=True, text=True).stdout.strip()
        try:
            check = json.loads(out or "null") or {}
        except ValueError:
            return None   # gone meanwhile; asked again next time
        if not check.get("Test") or check["Test"][0] == "NONE":
            intervals[cid] = None
        else:
            intervals[cid] = (check.get("Interval") or 30_000_000_000) / 1e9
    return intervals[cid]


def containers():
    """(id, started at in seconds) of every running container of the project"""
    out = subprocess.run(["podman", "ps", "--no-trunc", "--filter", f"label=com.docker.compose.project={PROJECT}",
                          "--format", "{{.ID}} {{.StartedAt}}"], capture_output=True, text=True).stdout
    result = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            result.append((parts[0], int(parts[1])))
    return result


while True:
    now = time.time()
    seen = set()
    for cid, start in containers():
        interval = interval_of(cid)
        if interval is None:
            continue
        seen.add(cid)
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
    time.sleep(1)
