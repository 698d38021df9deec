"""Prints compose.yml without the keys Debian's docker-compose 1.29 does not know yet.

Only keys newer than 1.29 are removed (top-level `name`, `healthcheck.start_interval`,
`depends_on.*.required`); everything else is validated as written.
"""
import sys

import yaml

doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
doc.pop("name", None)
for service in doc.get("services", {}).values():
    service.get("healthcheck", {}).pop("start_interval", None)
    depends = service.get("depends_on")
    if isinstance(depends, dict):
        for condition in depends.values():
            if isinstance(condition, dict):
                condition.pop("required", None)
yaml.safe_dump(doc, sys.stdout, sort_keys=False)
