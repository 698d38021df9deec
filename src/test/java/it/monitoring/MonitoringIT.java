package it.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.DevStack;
import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring chain end to end: the running mailer → Debian's real Prometheus (1 s scrapes,
 * the stack's own alert rules) → every Grafana panel's query must return data, and the alerts
 * must be quiet while the mailer is healthy. node-exporter and postgres-exporter run natively
 * beside it when installed (Debian packages); what cannot run here is skipped by name, below.
 */
class MonitoringIT {

    /** Alerts that rightly fire in this test, with the reason; every other alert must stay quiet. */
    static final Map<String, String> EXPECTED_ALERTS = Map.of(
            "MailerMissing", "only praxis-mailer runs in the test: the missing ecom-mailer is what it reports",
            "BackupMissing", "no backup runs in the test (see the backup_ skip reason)",
            "DiskFilling", "predict_linear over seconds of samples extrapolates the build machine's own disk writes",
            "DeadLetters",
                    "the outbox tests share this server and dead-letter mail on purpose (SMTP down past the last attempt)",
            "Watchdog", "the dead man's switch fires always, by design (its daily mail proves alerting works)",
            "ScrapeSuccessLow",
                    "averages up over a day; the test's Prometheus has minutes of samples, where one scrape missed"
                            + " while a target starts on a loaded machine is already more than 5 %");

    static final int MAILS = 3;
    static final Duration DATA = Duration.ofSeconds(30);

    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    static DevStack stack;
    static LocalPrometheus prometheus;
    static String mailerMetrics;

    @BeforeAll
    static void chain() throws IOException {
        assertTrue(
                Daemon.installed(LocalPrometheus.BINARY),
                "Prometheus is not installed: apt-get install -y prometheus (see docs/verification.md)");
        stack = ItStack.get();
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath();
        Files.createDirectories(work);
        work = Files.createTempDirectory(work, "monitoring-");

        List<LocalPrometheus.Job> jobs = new ArrayList<>();
        // the labels compose's DNS discovery and relabelling give the mailer's series
        jobs.add(new LocalPrometheus.Job(
                "mailer",
                "127.0.0.1:" + stack.httpPort(),
                Map.of("mailer", "praxis", "instance", "praxis-mailer:9080")));
        jobs.addAll(Exporters.start(work, stack.postgres().port(), STARTED));
        prometheus = LocalPrometheus.start(work, Path.of("monitoring/prometheus-rules.yml"), jobs);
        STARTED.push(prometheus);
        System.out.println("Prometheus " + prometheus.url() + " scrapes " + jobs);

        Waits.until(
                Duration.ofSeconds(30),
                "every target scraped (up == 1)",
                () -> prometheus.value("count(up == 1)") == jobs.size());

        // counters move only with traffic: a few mails through real SMTP, fetched by the mailer
        double storedBefore = Http.metric(Http.get(stack.baseUrl() + "/metrics").body(), "emails_stored_total", "");
        for (int i = 0; i < MAILS; i++) {
            Mails.send(
                    stack.mail().smtpPort(),
                    Mails.plain(
                            "kunde" + i + "@sender.example",
                            Mails.unique("Termin absagen"),
                            "Ich kann morgen leider nicht kommen."));
        }
        Waits.until(
                DATA,
                "the mailer stored the mails",
                () -> Http.metric(Http.get(stack.baseUrl() + "/metrics").body(), "emails_stored_total", "")
                        >= storedBefore + MAILS);
        // emails_processed_total{category, classified_by} is created by the first classification, so
        // on a fresh mailer it has no earlier sample to increase from: its presence is what counts
        Waits.until(
                DATA,
                "Prometheus saw the counters move (stored increase, processed sum)",
                () -> List.of(
                        prometheus.value("sum(increase(emails_stored_total[5m]))"),
                        prometheus.value("sum(emails_processed_total)")),
                v -> v.get(0) >= MAILS - 0.5 && v.get(1) > 0);
        mailerMetrics = Http.get(stack.baseUrl() + "/metrics").body();
    }

    @AfterAll
    static void stop() {
        while (!STARTED.isEmpty()) {
            try {
                STARTED.pop().close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }

    @Test
    void theMailerIsScrapedWithItsLabelsAndItsCountersMove() {
        assertEquals(1.0, prometheus.value("up{job=\"mailer\", mailer=\"praxis\"}"));
        assertTrue(prometheus.value("sum(increase(emails_fetched_total{mailer=\"praxis\"}[5m]))") >= MAILS - 0.5);
        assertEquals(1.0, prometheus.value("imap_connected{mailer=\"praxis\"}"));
    }

    @TestFactory
    Stream<DynamicTest> everyDashboardPanelQueryReturnsData() {
        List<Dashboards.Query> queries = Dashboards.queries();
        assertTrue(
                queries.stream().filter(q -> q.dashboard().equals("mailer")).count() >= 20,
                "the mailer dashboard's queries were found: " + queries.size());
        return queries.stream()
                .map(q -> DynamicTest.dynamicTest(q.toString(), () -> {
                    Optional<String> skip = q.prometheus()
                            ? skipReason(q.expr())
                            : Optional.of("a " + q.datasource() + " query, not Prometheus: Loki cannot run here");
                    if (skip.isPresent()) {
                        // the report shows dynamic tests by number only: name each skip in the output
                        System.out.println("SKIP " + q + " -- " + skip.get());
                        Assumptions.abort(skip.get());
                    }
                    Waits.until(
                            DATA,
                            "data for " + q,
                            () -> !prometheus.query(q.expr()).isEmpty());
                    System.out.println("PASS " + q);
                }));
    }

    @Test
    void everyMetricTheAlertRulesUseExists() {
        List<String> exprs = rules().stream().map(r -> r.getString("query")).toList();
        List<Dashboards.Names> names = Dashboards.names(exprs);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            for (String name : names.get(i).names()) {
                if (skipReason(name).isEmpty()
                        && prometheus
                                .query("count({__name__=\"" + name + "\"})")
                                .isEmpty()) {
                    missing.add(name + " in " + exprs.get(i));
                }
            }
            for (String pattern : names.get(i).patterns()) {
                if (skipReason(pattern).isEmpty()
                        && prometheus
                                .query("count({__name__=~\"" + pattern + "\"})")
                                .isEmpty()) {
                    missing.add(pattern + " in " + exprs.get(i));
                }
            }
        }
        assertEquals(List.of(), missing, "alert rules name metrics nobody exports: they could never fire");
    }

    @Test
    void alertsAreQuietWhileTheMailerIsHealthy() {
        assertTrue(rules().size() >= 20, "the stack's alert rules are loaded: " + rules().size());
        Instant after = Instant.now().plusSeconds(1);
        Waits.until(
                DATA,
                "every rule evaluated again",
                () -> rules().stream()
                        .allMatch(r -> OffsetDateTime.parse(r.getString("lastEvaluation"))
                                .toInstant()
                                .isAfter(after)));
        List<String> broken = rules().stream()
                .filter(r -> !"ok".equals(r.getString("health")))
                .map(r -> r.getString("name") + ": " + r.getString("lastError", ""))
                .toList();
        assertEquals(List.of(), broken, "rules Prometheus cannot evaluate");
        List<String> active = prometheus.alerts().getValuesAs(JsonObject.class).stream()
                .filter(a ->
                        !EXPECTED_ALERTS.containsKey(a.getJsonObject("labels").getString("alertname")))
                .map(a -> a.getString("state") + " " + a.getJsonObject("labels"))
                .toList();
        assertEquals(List.of(), active, "alerts pending or firing on a healthy mailer");
    }

    private static List<JsonObject> rules() {
        return prometheus.ruleGroups().getValuesAs(JsonObject.class).stream()
                .flatMap(g -> g.getJsonArray("rules").getValuesAs(JsonObject.class).stream())
                .toList();
    }

    /** Why an expression (or a metric name) cannot have data here, if it cannot. */
    static Optional<String> skipReason(String expr) {
        return Skips.reason(expr, mailerMetrics);
    }
}
