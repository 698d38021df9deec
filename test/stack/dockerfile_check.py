"""Static checks of the mailer Dockerfile against server.xml and compose.yml (no Docker engine
here to build it): the Open Liberty kernel-slim recipe in the right order, the JDBC driver and
the WAR where server.xml expects them, a non-root user, no secret, and the same file-based
health check as compose.yml.

    python3 dockerfile_check.py REPO_ROOT
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import yaml

root = pathlib.Path(sys.argv[1])
lines = [l.strip() for l in (root / "Dockerfile").read_text().replace("\\\n", " ").splitlines()]
lines = [l for l in lines if l and not l.startswith("#")]
server = ET.parse(root / "src/main/liberty/config/server.xml").getroot()
compose = yaml.safe_load((root / "compose.yml").read_text())
problems = []


def index(pattern):
    for i, line in enumerate(lines):
        if re.search(pattern, line):
            return i
    problems.append(f"Dockerfile: nothing matches {pattern}")
    return -1


stages = [i for i, l in enumerate(lines) if l.startswith("FROM ")]
final = lines[stages[-1]]
base = re.search(r"ARG LIBERTY_IMAGE=(\S+)", "\n".join(lines))
if not base or "kernel-slim" not in base.group(1) or "26.0.0.3" not in base.group(1):
    problems.append("the final stage must be Open Liberty 26.0.0.3 kernel-slim")
if "${LIBERTY_IMAGE}" not in final:
    problems.append(f"the final stage does not start from LIBERTY_IMAGE: {final}")

copy_server = index(r"COPY .*server\.xml.* /config/")
features = index(r"RUN .*features\.sh")
library = server.find("library/file")
jar = library.get("name").replace("${shared.resource.dir}", "/opt/ol/wlp/usr/shared/resources")
copy_jar = index(r"COPY .* " + re.escape(jar) + r"$")
app = server.find("webApplication").get("location")
copy_war = index(r"COPY .* /config/apps/" + re.escape(app) + r"$")
configure = index(r"RUN .*configure\.sh")
if not (0 <= copy_server < features < min(copy_jar, copy_war) and max(copy_jar, copy_war) < configure):
    problems.append("order must be: server.xml, features.sh, driver and WAR, configure.sh")
if not re.search(r"COPY .*jvm\.options.* /config/", "\n".join(lines)):
    problems.append("jvm.options is not copied to /config/")

users = [l.split()[1] for l in lines[stages[-1]:] if l.startswith("USER ")]
if not users or users[-1] in ("root", "0") or users[-1].startswith("0:"):
    problems.append(f"the image must end as a non-root user, not {users[-1:] or 'the default'}")
for line in lines:
    if re.match(r"(ENV|ARG)\b", line) and re.search(r"PASSWORD|SECRET|TOKEN", line, re.I):
        problems.append(f"secret-looking build setting: {line}")

health = server.find("mpHealth")
if health is None or not health.get("checkInterval"):
    problems.append("server.xml: <mpHealth checkInterval> must enable the file-based health check")
docker_health = next((l for l in lines if l.startswith("HEALTHCHECK")), "")
for name in (s for s in compose["services"] if s.endswith("-mailer")):
    test = compose["services"][name]["healthcheck"]["test"]
    script = test[1]
    if not script.endswith("readinessHealthCheck.sh") or script not in docker_health:
        problems.append(f"{name}: the compose healthcheck and the image's HEALTHCHECK differ")

for problem in problems:
    print(problem)
print(f"driver -> {jar}, application -> /config/apps/{app}")
sys.exit(1 if problems else 0)
