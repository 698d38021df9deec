#!/usr/bin/env bash
# The whole system under test, natively, in one command: PostgreSQL with both databases, GreenMail
# with both mailboxes, clamd, the Ollama stand-in, Prometheus and both mailers (praxis, ecom) on
# loopback ports of their own; then the scenarios; then everything stopped again (also on failure
# or Ctrl-C). Prints one line per step and "N passed, N failed"; exits non-zero on any failure.
#
#   test/integration-test.sh                     all scenarios but scale (named only: test/integration-test.sh scale)
#   test/integration-test.sh recovery faults     only these
#   test/integration-test.sh --list              the scenarios and what each proves
#   test/integration-test.sh --outage=30 faults  each outage 30 s (default "seen": until both mailers
#                                                show it, then 10 s)
#
# Needs JDK 17 and Debian's clamav-daemon, prometheus (+ exporters); see test/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=target/e2e-classpath.txt
if [[ ! -d target/liberty/wlp/usr/servers/mailer || ! -f $classpath || ! -d target/test-classes/e2e ]]; then
    echo "integration-test: no build yet, building first (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
mkdir -p target/tmp
# exec: Ctrl-C reaches the JVM itself, whose shutdown hook stops everything the harness started
exec java -Xmx768m -Djava.io.tmpdir=target/tmp \
    -cp "target/test-classes:target/classes:$(cat "$classpath")" e2e.Harness "$@"
