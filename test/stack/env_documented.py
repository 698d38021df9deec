"""Every variable compose.yml interpolates is set in .env.example with a comment above it.

    python3 env_documented.py compose.yml .env.example
"""
import re
import sys

compose = open(sys.argv[1], encoding="utf-8").read()
used = set(re.findall(r"(?<!\$)\$\{(\w+)", compose))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
documented = {}
for i, line in enumerate(lines):
    m = re.match(r"^(\w+)=", line)
    if m:
        # a comment on the line above, or above a block of related settings
        j = i - 1
        while j >= 0 and re.match(r"^\w+=", lines[j]):
            j -= 1
        documented[m.group(1)] = j >= 0 and lines[j].startswith("#")
missing = sorted(v for v in used if v not in documented)
uncommented = sorted(v for v in used if documented.get(v) is False)
unused = sorted(v for v in documented if v not in used)
for v in missing:
    print(f"{v}: used by compose.yml, missing from .env.example")
for v in uncommented:
    print(f"{v}: no comment in .env.example")
for v in unused:
    print(f"{v}: in .env.example but compose.yml never reads it")
print(f"{len(used)} variables used, {len(documented)} documented")
sys.exit(1 if missing or uncommented or unused else 0)
