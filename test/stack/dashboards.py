"""Reads the Grafana dashboards' panel queries.

    python3 dashboards.py check DIR       valid dashboards; Prometheus queries use known metrics only
    python3 dashboards.py exprs DIR       one JSON line per Prometheus query, variables replaced
    python3 dashboards.py names -         for each PromQL expression on stdin (one a line), a JSON
                                          line with the metric names and name patterns it uses
    python3 dashboards.py query DIR URL [--syntax-only] [SKIP_REGEX]
                                          runs every query against a Prometheus HTTP API
                                          (see dashboard-queries.sh)

Known metrics are the mailers' own (MP Metrics), Fault Tolerance and JVM base metrics from
Liberty, the backup textfile, and the families of postgres-exporter, node-exporter and cAdvisor.
"""
import json
import pathlib
import re
import sys

APPLICATION = {
    "emails_fetched_total", "emails_stored_total", "emails_duplicate_total", "emails_failed_total",
    "imap_poll_seconds", "imap_poll_seconds_count", "imap_poll_seconds_sum", "imap_poll_seconds_max",
    "imap_connected", "imap_last_success_timestamp_seconds",
    "emails_processed_total", "ai_processing_seconds", "ai_processing_seconds_count",
    "ai_processing_seconds_sum", "ai_processing_seconds_max", "ai_requests_total",
    "outbound_queue_depth", "smtp_send_total", "auto_replies_suppressed_total", "attachments_total",
    "attachment_scan_seconds", "attachment_scan_seconds_count", "attachment_scan_seconds_sum",
    "attachment_scan_seconds_max", "attachment_bytes_total", "quarantine_files", "clamd_up",
    "mailer_lease_held",
}
BACKUP = {"backup_last_run_timestamp_seconds", "backup_last_exit_code", "backup_last_duration_seconds",
          "backup_runs_total", "backup_last_success_timestamp_seconds", "backup_size_bytes"}
PREFIXES = ("pg_", "node_", "container_", "machine_", "ft_", "memory_", "jvm_", "base_", "gc_", "cpu_", "thread_")
OTHER = {"up"}
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"}

# what Grafana substitutes at query time, with values that work against any Prometheus
VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h", '"$mailer"': '".*"',
             "$mailer": ".*"}


def prometheus_targets(directory):
    for path in sorted(pathlib.Path(directory).glob("*.json")):
        board = json.loads(path.read_text(encoding="utf-8"))
        for panel in board.get("panels", []):
            for target in panel.get("targets", []):
                datasource = target.get("datasource") or panel.get("datasource") or {}
                kind = datasource.get("type", "prometheus")
                yield path.stem, panel.get("title", "?"), kind, target.get("expr", "")


def substitute(expr):
    for key, value in VARIABLES.items():
        expr = expr.replace(key, value)
    return expr


def metric_names(expr):
    names = set(re.findall(r'__name__\s*=~?\s*"([^"]*)"', expr))
    regex_names = set()
    for name in list(names):
        if re.search(r"[()|?*+\[]", name):
            names.discard(name)
            regex_names.add(name)
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    stripped = re.sub(r"\{[^}]*\}", "", stripped)
    stripped = re.sub(r"\[[^\]]*\]", "", stripped)
    stripped = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", stripped)
    for m in re.finditer(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?", stripped):
        token, call = m.group(1), m.group(2)
        if call or token in KEYWORDS or re.fullmatch(r"\d+[smhdwy]?", token):
            continue
        names.add(token)
    return names, regex_names


def known(name):
    return name in APPLICATION or name in BACKUP or name in OTHER or name.startswith(PREFIXES)


def check(directory):
    problems = []
    boards = sorted(pathlib.Path(directory).glob("*.json"))
    expected = {"mailer", "database", "system"}
    if {b.stem for b in boards} != expected:
        problems.append(f"expected dashboards {sorted(expected)}, found {[b.stem for b in boards]}")
    uids = set()
    for path in boards:
        board = json.loads(path.read_text(encoding="utf-8"))
        for key in ("uid", "title", "panels"):
            if not board.get(key):
                problems.append(f"{path.name}: no {key}")
        if board.get("uid") in uids:
            problems.append(f"{path.name}: duplicate uid")
        uids.add(board.get("uid"))
        ids = [p.get("id") for p in board.get("panels", [])]
        if len(ids) != len(set(ids)):
            problems.append(f"{path.name}: duplicate panel ids")
        for panel in board.get("panels", []):
            if panel.get("type") != "row" and not panel.get("targets"):
                problems.append(f"{path.name}: panel '{panel.get('title')}' has no query")
    count = 0
    for board, title, kind, expr in prometheus_targets(directory):
        if kind != "prometheus":
            continue
        count += 1
        names, regex_names = metric_names(substitute(expr))
        for name in sorted(names):
            if not known(name):
                problems.append(f"{board}/{title}: unknown metric {name}")
        for pattern in regex_names:
            if not any(re.fullmatch(pattern, n) for n in ("ft_circuitbreaker_state_total_nanoseconds", "ft_bulkhead_executionsRunning",
                                                           "pg_replication_lag", "pg_replication_lag_seconds")) and not pattern.startswith(PREFIXES):
                problems.append(f"{board}/{title}: name pattern {pattern} matches no known metric")
    for problem in problems:
        print(problem)
    print(f"{len(boards)} dashboards, {count} Prometheus queries")
    return 1 if problems else 0


def exprs(directory):
    for board, title, kind, expr in prometheus_targets(directory):
        print(json.dumps({"dashboard": board, "panel": title, "datasource": kind, "expr": substitute(expr)}))
    return 0


def query(directory, base, *options):
    import urllib.error
    import urllib.parse
    import urllib.request

    syntax_only = "--syntax-only" in options
    skip = next((o for o in options if o != "--syntax-only"), "")
    passed = failed = skipped = 0
    for board, title, kind, expr in prometheus_targets(directory):
        expr = substitute(expr)
        name = f"{board} / {title}: {expr}"
        if kind != "prometheus":
            print(f"SKIP: {name} (not a Prometheus query)")
            skipped += 1
            continue
        if skip and re.search(skip, expr):
            print(f"SKIP: {name} (matches SKIP)")
            skipped += 1
            continue
        url = f"{base.rstrip('/')}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = json.load(response)
        except urllib.error.HTTPError as e:
            body = json.load(e)
        except (urllib.error.URLError, ValueError) as e:
            body = {"status": "error", "error": str(e)}
        if body.get("status") != "success":
            print(f"FAIL: {name} -> {body.get('errorType', '')} {body.get('error', '')}")
            failed += 1
            continue
        data = body["data"]
        if data["resultType"] in ("vector", "matrix") and not data["result"] and not syntax_only:
            print(f"FAIL: {name} -> no data")
            failed += 1
        else:
            print(f"PASS: {name}")
            passed += 1
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


def names(_):
    for line in sys.stdin:
        if line.strip():
            found, patterns = metric_names(substitute(line.strip()))
            print(json.dumps({"names": sorted(found), "patterns": sorted(patterns)}))
    return 0


if __name__ == "__main__":
    command, directory = sys.argv[1], sys.argv[2]
    sys.exit({"check": check, "exprs": exprs, "query": query, "names": names}[command](directory, *sys.argv[3:]))
