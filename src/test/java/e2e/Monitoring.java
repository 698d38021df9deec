package e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;

import dev.Waits;
import it.monitoring.Dashboards;
import it.monitoring.Skips;

/**
 * E2E 5: Prometheus scrapes every target; every Grafana panel's query returns data (or is skipped
 * for a reason shared with MonitoringIT); the mailers' JSON logs hold no address, body or secret
 * of the mail this run sent.
 */
final class Monitoring implements Scenario {

    static final Duration DATA = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "monitoring";
    }

    @Override
    public String proves() {
        return "E2E 5: all scrape targets up, every dashboard query returns data (skips named with their reason),"
                + " JSON logs without test addresses, bodies or secrets";
    }

    @Override
    public void run(Context c) throws Exception {
        // counters move only with traffic: mail to both mailers, answered, so the outbox series exist too
        List<Traffic.Sent> mails = new ArrayList<>();
        for (Mailer m : c.stack().mailers()) {
            mails.add(c.traffic().send(m, "monitoring", Traffic.Attachment.PDF));
        }
        c.report()
                .require(
                        "traffic for the counters: " + mails.size() + " mails processed",
                        () -> c.ledger()
                                .awaitComplete(mails, Duration.ofSeconds(60))
                                .toString());
        // an out-of-office answer to the practice: the loop guard suppresses the automatic reply, so the
        // dashboard's "suppressed" panel has a series to show as well
        Mailer praxis = c.stack().mailers().stream()
                .filter(m -> "praxis".equals(m.name()))
                .findFirst()
                .orElseThrow();
        c.report().require("an automatic mail (Auto-Submitted) gets no automatic reply, and is counted", () -> {
            c.traffic().sendAutomatic(praxis, "abwesend");
            Waits.until(
                    DATA,
                    "auto_replies_suppressed_total on praxis-mailer's /metrics",
                    () -> praxis.metrics().lines().anyMatch(l -> l.startsWith("auto_replies_suppressed_total{")));
            return "auto_replies_suppressed_total exported";
        });
        int targets = c.stack().jobs.size();
        c.report().check("all " + targets + " scrape targets up in Prometheus", () -> {
            Waits.until(
                    DATA,
                    "count(up == 1) == " + targets,
                    () -> c.stack().prometheus.value("count(up == 1)"),
                    v -> v == targets);
            return c.stack().prometheus.query("up").getValuesAs(JsonObject.class).stream()
                    .map(o -> o.getJsonObject("metric").getString("job") + "/"
                            + o.getJsonObject("metric").getString("instance"))
                    .sorted()
                    .toList()
                    .toString();
        });
        String metrics = String.join(
                "\n", c.stack().mailers().stream().map(Mailer::metrics).toList());
        for (Dashboards.Query q : Dashboards.queries()) {
            Optional<String> skip = q.prometheus()
                    ? Skips.reason(q.expr(), metrics)
                    : Optional.of("a " + q.datasource() + " query, not Prometheus: Loki cannot run here");
            if (skip.isPresent()) {
                c.report().info("SKIP dashboard " + q.dashboard() + " / " + q.panel() + " -- " + skip.get());
                continue;
            }
            c.report().check("dashboard " + q.dashboard() + " / " + q.panel() + " has data", () -> {
                var r = Waits.until(DATA, q.expr(), () -> c.stack().prometheus.query(q.expr()), x -> !x.isEmpty());
                return r.size() + " series";
            });
        }
        List<String> forbidden = forbidden(c);
        for (Mailer m : c.stack().mailers()) {
            c.report().check(m.name() + "-mailer logs: JSON, without the run's addresses, bodies or secrets", () -> {
                List<Path> logs = m.liberty().logFiles();
                if (logs.isEmpty()) {
                    throw new AssertionError("no log files under " + m.liberty().logs());
                }
                List<String> found = new ArrayList<>();
                for (Path log : logs) {
                    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                    for (String f : forbidden) {
                        if (text.contains(f)) {
                            // name the kind of leak, not the secret itself
                            found.add(log.getFileName() + " contains item " + (forbidden.indexOf(f) + 1)
                                    + " of the forbidden list");
                        }
                    }
                }
                if (!found.isEmpty()) {
                    throw new AssertionError(String.join("; ", found));
                }
                Path console = logs.stream()
                        .filter(p -> p.getFileName().toString().endsWith("-console.log"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no console log"));
                long json = Files.readAllLines(console, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith("{\"type\":\"liberty_message\""))
                        .count();
                if (json < 10) {
                    throw new AssertionError("the console log is not Liberty's JSON format (" + json + " JSON lines)");
                }
                return logs.size() + " files, " + json + " JSON lines in the console log, " + forbidden.size()
                        + " forbidden strings looked for, " + c.traffic().all().size() + " mails sent in this run";
            });
        }
    }

    /** What must never reach a log: the senders' domains (so every sender address), the body, every password and mailbox. */
    static List<String> forbidden(Context c) {
        List<String> f = new ArrayList<>(List.of(Traffic.PATIENTS, Traffic.CUSTOMERS, Traffic.BODY_MARKER));
        for (Mailer m : c.stack().mailers()) {
            f.add(m.account().password());
            f.add(m.account().dbPassword());
            f.add(m.account().mailbox());
        }
        return f;
    }
}
