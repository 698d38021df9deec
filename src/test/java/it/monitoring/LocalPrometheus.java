package it.monitoring;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import dev.DevStack;
import dev.Waits;
import it.support.Http;

/**
 * Debian's real Prometheus on a free loopback port, scraping the given targets every second and
 * evaluating the stack's alert rules every second. Only the scrape interval and the addresses
 * differ from monitoring/prometheus.yml; the rule file is the one the operator runs.
 */
public final class LocalPrometheus implements AutoCloseable {

    public static final String BINARY = "/usr/bin/prometheus";

    /** One scrape job: its name, the host:port it scrapes and the labels compose.yml's relabelling would add. */
    public record Job(String name, String target, Map<String, String> labels) {}

    private final Daemon daemon;
    private final String url;

    private LocalPrometheus(Daemon daemon, String url) {
        this.daemon = daemon;
        this.url = url;
    }

    public static LocalPrometheus start(Path workDir, Path rules, List<Job> jobs) {
        return start(workDir, rules, jobs, 1, null);
    }

    /**
     * As {@link #start(Path, Path, List)}, scraping every {@code scrapeSeconds} (timeout one second
     * less) and sending its alerts to the Alertmanager at {@code alertmanager} (host:port).
     */
    public static LocalPrometheus start(
            Path workDir, Path rules, List<Job> jobs, int scrapeSeconds, String alertmanager) {
        int port = DevStack.port(0);
        Path config = workDir.resolve("prometheus.yml");
        String scrape = config(rules, jobs)
                .replace("scrape_interval: 1s", "scrape_interval: " + scrapeSeconds + "s")
                .replace("scrape_timeout: 1s", "scrape_timeout: " + Math.max(1, scrapeSeconds - 1) + "s");
        write(config, scrape + (alertmanager == null ? "" : """
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["%s"]
                """.formatted(alertmanager)));
        Daemon d = Daemon.start(
                "prometheus",
                List.of(
                        BINARY,
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--storage.tsdb.retention.time=1h",
                        "--log.level=warn"),
                Map.of(),
                workDir);
        LocalPrometheus p = new LocalPrometheus(d, "http://127.0.0.1:" + port);
        try {
            Waits.until(
                    Duration.ofSeconds(30),
                    "Prometheus ready: " + d.describe(),
                    () -> d.alive() && Http.get(p.url + "/-/ready").status() == 200);
        } catch (AssertionError | RuntimeException e) {
            d.close();
            throw e;
        }
        return p;
    }

    /** Jobs of the same name become one scrape job with one target group each, as two mailers in compose. */
    static String config(Path rules, List<Job> jobs) {
        Map<String, List<Job>> byName = jobs.stream()
                .collect(Collectors.groupingBy(Job::name, java.util.LinkedHashMap::new, Collectors.toList()));
        String scrapes = byName.entrySet().stream()
                .map(e -> """
                  - job_name: %s
                    static_configs:
                %s""".formatted(
                                e.getKey(),
                                e.getValue().stream()
                                        .map(j -> """
                      - targets: ["%s"]
                        labels: {%s}
                """.formatted(
                                                        j.target(),
                                                        j.labels().entrySet().stream()
                                                                .map(l -> l.getKey() + ": \"" + l.getValue() + "\"")
                                                                .collect(Collectors.joining(", "))))
                                        .collect(Collectors.joining())))
                .collect(Collectors.joining());
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - "%s"
                scrape_configs:
                %s""".formatted(rules.toAbsolutePath(), scrapes);
    }

    public String url() {
        return url;
    }

    /** The result array of an instant query; an error of Prometheus fails the test with its message. */
    public JsonArray query(String promql) {
        JsonObject data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return data.getJsonArray("result");
    }

    /** A single number an instant query returns, or NaN without data. */
    public double value(String promql) {
        JsonArray r = query(promql);
        return r.isEmpty()
                ? Double.NaN
                : Double.parseDouble(r.getJsonObject(0).getJsonArray("value").getString(1));
    }

    public JsonArray alerts() {
        return api("/api/v1/alerts").getJsonArray("alerts");
    }

    public JsonArray ruleGroups() {
        return api("/api/v1/rules?type=alert").getJsonArray("groups");
    }

    private JsonObject api(String path) {
        Http.Response r = Http.get(url + path);
        if (r.status() != 200) {
            throw new AssertionError("Prometheus " + path + " answered " + r.status() + ": " + r.body());
        }
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject().getJsonObject("data");
        }
    }

    @Override
    public void close() {
        daemon.close();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
