package it.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dashboard and alert queries that cannot have data on this machine, or not yet, each with its
 * reason. Shared by MonitoringIT and the e2e harness so both skip the same things for the same reasons.
 */
public final class Skips {

    /** Queries that cannot have data on this machine, matched by regular expression, with the reason. */
    static final Map<Pattern, String> NOT_HERE = new LinkedHashMap<>();

    /**
     * Metrics that exist only once their event happened (a mail sent, a reply suppressed) or only in one
     * kind of set-up (an OAuth2 login): skipped while the mailers have no such series, checked once they have.
     */
    static final Map<String, String> NOT_YET_EXPORTED = Map.of(
            "outbound_queue_depth", "no outbound mail in this run yet",
            "smtp_send_total", "no SMTP send in this run yet",
            "auto_replies_suppressed_total", "no automatic reply suppressed in this run yet",
            "mailer_oauth_refresh_refused",
                    "exported only where IMAP or SMTP log in with XOAUTH2 (it.ops.OAuthIT checks it and the alert's"
                            + " condition); the shared mailer logs in with a password");

    static {
        NOT_HERE.put(
                Pattern.compile("container_"), "cAdvisor measures Docker containers; there is no Docker engine here");
        NOT_HERE.put(
                Pattern.compile("alertmanager_"),
                "no Alertmanager runs beside the tests' Prometheus; the container run"
                        + " (test/containers/run.sh) scrapes it and has alert mail delivered");
        NOT_HERE.put(
                Pattern.compile("pg_replication_lag"),
                "Debian's postgres-exporter 0.11 has no replication collector (0.13+; compose runs 0.17)");
        NOT_HERE.put(
                Pattern.compile("backup_"),
                "backup.sh needs a pg_dump as new as the server (the test's PostgreSQL is 18,"
                        + " Debian's pg_dump 15); its textfile is checked by test/stack/verify.sh's backup round trip");
        if (!Daemon.installed(Exporters.NODE_EXPORTER)) {
            NOT_HERE.put(
                    Pattern.compile("node_"),
                    "node-exporter is not installed (apt-get install prometheus-node-exporter)");
        }
        if (!Daemon.installed(Exporters.POSTGRES_EXPORTER)) {
            NOT_HERE.put(
                    Pattern.compile("pg_"),
                    "postgres-exporter is not installed (apt-get install prometheus-postgres-exporter)");
        }
    }

    private Skips() {}

    /** Why an expression (or a metric name) cannot have data here, if it cannot; {@code metrics}: the mailers' /metrics text. */
    public static Optional<String> reason(String expr, String metrics) {
        for (var e : NOT_HERE.entrySet()) {
            if (e.getKey().matcher(expr).find()) {
                return Optional.of(e.getValue());
            }
        }
        for (var e : NOT_YET_EXPORTED.entrySet()) {
            if (expr.contains(e.getKey()) && !exported(metrics, e.getKey())) {
                return Optional.of(e.getKey() + ": " + e.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean exported(String metrics, String metric) {
        return metrics.lines().anyMatch(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "));
    }
}
