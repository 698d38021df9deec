"""The list of mailers (mailers.txt) is the one place that names them; every operator file agrees.

    python3 mailers.py ROOT [LIST]     LIST defaults to ROOT/mailers.txt

For each mailer <m> of the list (a profile under src/main/resources/profiles/<m>/), it checks:
compose.yml has the service <m>-mailer (and no other *-mailer) with MP_CONFIG_PROFILE, DB_NAME <m>,
DB_USER <m>_mailer, its own secrets <m>_*, volume <m>_data and only <M>_* variables of .env; the
postgres service gets <M>_DB_PASSWORD_FILE and the list itself (init-db.sh reads it); the backup
dumps the list's databases (compose and backup.sh's default); Prometheus discovers <m>-mailer and
labels it mailer=<m>; MailerMissing has one absent() per mailer. Grafana's dashboards, Promtail and
init-db.* name no mailer at all: they take the mailers from Prometheus' `mailer` label, a service
name pattern, or the list. Prints one line per problem; exits 1 if there is any.
"""
import pathlib
import re
import sys

import yaml


def mailers(path):
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return names


def env_prefix(mailer):
    return mailer.upper().replace("-", "_") + "_"


def check(root, names):
    problems = []
    p = problems.append
    for m in names:
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,30}", m):
            p(f"mailers.txt: '{m}' is no profile name")
        if not (root / "src/main/resources/profiles" / m / "profile.properties").is_file():
            p(f"{m}: no profile src/main/resources/profiles/{m}/profile.properties")

    compose = yaml.safe_load((root / "compose.yml").read_text(encoding="utf-8"))
    services = compose.get("services", {})
    found = sorted(s for s in services if s.endswith("-mailer"))
    wanted = sorted(m + "-mailer" for m in names)
    if found != wanted:
        p(f"compose.yml: mailer services {found}, mailers.txt says {wanted}")
    raw = (root / "compose.yml").read_text(encoding="utf-8")
    for m in names:
        s = services.get(m + "-mailer")
        if s is None:
            continue
        env = s.get("environment", {})
        for key, value in (("MP_CONFIG_PROFILE", m), ("DB_NAME", m), ("DB_USER", m + "_mailer")):
            if str(env.get(key)) != value:
                p(f"compose.yml {m}-mailer: {key} is {env.get(key)!r}, expected {value!r}")
        sources = {x["source"] if isinstance(x, dict) else x for x in s.get("secrets", [])}
        for secret in (f"{m}_db_password", f"{m}_imap_password", f"{m}_review_admin_password",
                       f"{m}_review_staff_password"):
            if secret not in sources:
                p(f"compose.yml {m}-mailer: secret {secret} missing")
            if secret not in compose.get("secrets", {}):
                p(f"compose.yml: top-level secret {secret} missing")
        if f"{m}_data:/data" not in s.get("volumes", []):
            p(f"compose.yml {m}-mailer: volume {m}_data:/data missing")
        if f"{m}_data" not in compose.get("volumes", {}):
            p(f"compose.yml: top-level volume {m}_data missing")
        # a copied service block keeps another mailer's variables: every .env variable of its own must be <M>_*
        block = re.search(r"(?ms)^  " + re.escape(m) + r"-mailer:\n(.*?)(?=^  \S|\Z)", raw)
        for var in re.findall(r"(?<!\$)\$\{(\w+)", block.group(1) if block else ""):
            if not var.startswith(env_prefix(m)):
                p(f"compose.yml {m}-mailer: uses ${{{var}}}, expected {env_prefix(m)}* variables only")

    postgres = services.get("postgres", {})
    penv = postgres.get("environment", {})
    psecrets = set(postgres.get("secrets", []))
    for m in names:
        if penv.get(env_prefix(m) + "DB_PASSWORD_FILE") != f"/run/secrets/{m}_db_password":
            p(f"compose.yml postgres: {env_prefix(m)}DB_PASSWORD_FILE must be /run/secrets/{m}_db_password")
        if f"{m}_db_password" not in psecrets:
            p(f"compose.yml postgres: secret {m}_db_password missing")
    extra = {k for k in penv if k.endswith("_DB_PASSWORD_FILE")} - {env_prefix(m) + "DB_PASSWORD_FILE" for m in names}
    extra.discard("EXPORTER_DB_PASSWORD_FILE")
    if extra:
        p(f"compose.yml postgres: {sorted(extra)} belong to no mailer of mailers.txt")
    list_target = penv.get("INIT_DB_MAILERS")
    # a read-only bind mount of the list (Compose 1.29 ignores configs:)
    mounted = [v for v in postgres.get("volumes", []) if isinstance(v, str) and v.split(":")[:2] == ["./mailers.txt", list_target]
               and v.endswith(":ro")]
    if not list_target or not mounted:
        p("compose.yml postgres: INIT_DB_MAILERS must name where ./mailers.txt is mounted read-only")

    backup = str(services.get("backup", {}).get("environment", {}).get("BACKUP_DATABASES", "")).split()
    if sorted(backup) != sorted(names):
        p(f"compose.yml backup: BACKUP_DATABASES {backup}, mailers.txt says {names}")
    default = re.search(r"BACKUP_DATABASES:-([^}]*)\}", (root / "scripts/backup.sh").read_text(encoding="utf-8"))
    if not default or sorted(default.group(1).split()) != sorted(names):
        p(f"scripts/backup.sh: default BACKUP_DATABASES {default.group(1) if default else None!r}, expected {names}")

    prometheus = yaml.safe_load((root / "monitoring/prometheus.yml").read_text(encoding="utf-8"))
    job = next((j for j in prometheus.get("scrape_configs", []) if j.get("job_name") == "mailer"), None)
    if job is None:
        p("monitoring/prometheus.yml: no job mailer")
    else:
        discovered = sorted(n for c in job.get("dns_sd_configs", []) for n in c.get("names", []))
        if discovered != wanted:
            p(f"monitoring/prometheus.yml: job mailer discovers {discovered}, mailers.txt says {wanted}")
        relabel = next((r for r in job.get("relabel_configs", []) if r.get("target_label") == "mailer"), None)
        for m in names:
            got = relabel and re.fullmatch(relabel["regex"], m + "-mailer")
            label = got and got.expand(relabel.get("replacement", "$1").replace("$", "\\"))
            if label != m:
                p(f"monitoring/prometheus.yml: {m}-mailer gets the label mailer={label!r}, expected {m!r}")

    rules = yaml.safe_load((root / "monitoring/prometheus-rules.yml").read_text(encoding="utf-8"))
    missing = [r for g in rules["groups"] for r in g["rules"] if r.get("alert") == "MailerMissing"]
    if len(missing) != 1:
        p("monitoring/prometheus-rules.yml: expected one MailerMissing rule")
    else:
        absent = sorted(re.findall(r'absent\(up\{job="mailer", mailer="([^"]+)"\}\)', missing[0]["expr"]))
        if absent != sorted(names):
            p(f"monitoring/prometheus-rules.yml MailerMissing: absent() for {absent}, mailers.txt says {names}")

    # these take the mailers from elsewhere and must name none
    for rel in ("monitoring/promtail-config.yml", "scripts/init-db.sql", "scripts/init-db.sh",
                *sorted(str(x.relative_to(root)) for x in (root / "monitoring/grafana/dashboards").glob("*.json"))):
        text = (root / rel).read_text(encoding="utf-8")
        for m in names:
            if re.search(r"(?<![\w-])" + re.escape(m) + r"(?![\w])", text, re.IGNORECASE):
                p(f"{rel}: names the mailer {m}; take the list from Prometheus' mailer label or mailers.txt")
    return problems


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    path = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root / "mailers.txt"
    names = mailers(path)
    problems = check(root, names) if names else [f"{path}: names no mailer"]
    for problem in problems:
        print(problem)
    print(f"{len(names)} mailers ({', '.join(names)}), {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
