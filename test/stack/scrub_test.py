"""Applies Promtail's `replace` stages from promtail-config.yml to sample log lines the way
Promtail does (every capture group of every match is replaced) and checks that no address or
secret survives while ordinary text does. Promtail itself cannot be installed here; its
expressions are RE2, which for these patterns Python's re reads the same way.

    python3 scrub_test.py monitoring/promtail-config.yml
"""
import re
import sys

import yaml

config = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
stages = [s["replace"] for s in config["scrape_configs"][0]["pipeline_stages"] if "replace" in s]


def scrub(line):
    for stage in stages:
        pattern = re.compile(stage["expression"])
        out, last = [], 0
        for m in pattern.finditer(line):
            for g in range(1, (m.lastindex or 0) + 1):
                if m.start(g) < 0:
                    continue
                out.append(line[last:m.start(g)])
                out.append(stage["replace"])
                last = m.end(g)
        out.append(line[last:])
        line = "".join(out)
    return line


CASES = [
    # (log line, strings that must disappear, strings that must stay)
    ('{"loglevel":"INFO","module":"inbox","message":"stored mail from anna.mueller@gmail.com to praxis@example.de"}',
     ["anna.mueller@gmail.com", "praxis@example.de"], ['"loglevel":"INFO"', "stored mail from"]),
    ('{"message":"config: DB_PASSWORD=s3cr3t! db.password = hunter2 mailer.imap.password: abcd efgh"}',
     ["s3cr3t!", "hunter2", "abcd"], ["DB_PASSWORD", "config:"]),
    ('{"message":"login with {\\"password\\": \\"Geheim123\\", \\"user\\": \\"x\\"}"}',
     ["Geheim123"], ["login with"]),
    ("A1 LOGIN praxis@gmail.com abcdwxyzabcdwxyz", ["abcdwxyzabcdwxyz", "praxis@gmail.com"], ["A1 LOGIN"]),
    ("AUTH PLAIN AHByYXhpc0BnbWFpbC5jb20Ac2VjcmV0", ["AHByYXhpc0BnbWFpbC5jb20Ac2VjcmV0"], ["AUTH PLAIN"]),
    ("GET /api/tags Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", ["eyJhbGciOiJIUzI1NiJ9.e30.abc"], ["/api/tags"]),
    ("token=ghp_1234567890abcdef&next=1", ["ghp_1234567890abcdef"], ["&next=1"]),
    ('{"message":"poll of INBOX took 120 ms, 3 new, uidvalidity 42"}', [], ["poll of INBOX took 120 ms, 3 new, uidvalidity 42"]),
    ("duration: 153.2 ms  statement: SELECT * FROM mail_message WHERE id = $1", [], ["duration: 153.2 ms", "SELECT * FROM mail_message"]),
]

failures = 0
for line, gone, kept in CASES:
    result = scrub(line)
    for s in gone:
        if s in result:
            print(f"NOT SCRUBBED {s!r}: {result}")
            failures += 1
    for s in kept:
        if s not in result:
            print(f"LOST {s!r}: {result}")
            failures += 1
print(f"{len(stages)} replace stages, {len(CASES)} sample lines, {failures} problems")
sys.exit(1 if failures else 0)
