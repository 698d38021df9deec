"""Every variable compose.yml interpolates is in .env.example: set, or as a commented-out default
(`#VAR=value`, since .env holds overrides only), with a comment above it, or named in a comment
(the image pins, which live in compose.yml only).

    python3 env_documented.py compose.yml .env.example
"""
import re
import sys

compose = open(sys.argv[1], encoding="utf-8").read()
used = set(re.findall(r"(?<!\$)\$\{(\w+)", compose))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
documented = {}
setting = re.compile(r"^#?(\w+)=")
for i, line in enumerate(lines):
    m = setting.match(line)
    if m:
        # a comment on the line above, or above a block of related settings
        j = i - 1
        while j >= 0 and setting.match(lines[j]):
            j -= 1
        documented[m.group(1)] = j >= 0 and lines[j].startswith("#")
comments = " ".join(line for line in lines if line.startswith("#") and not setting.match(line))
for v in used:
    if v not in documented and re.search(rf"\b{v}\b", comments):
        documented[v] = True
# Compose reads these itself
for v in ("COMPOSE_PROJECT_NAME", "COMPOSE_FILE"):
    used.add(v) if v in documented else None
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
