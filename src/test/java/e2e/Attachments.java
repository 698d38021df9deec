package e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import dev.Waits;

/**
 * E2E 2: a clean PDF is scanned by the real clamd and stored; the EICAR test file is quarantined as
 * infected; and the stack's own alert rule for infections, as Prometheus loaded it from
 * monitoring/prometheus-rules.yml, has a result (it would fire).
 */
final class Attachments implements Scenario {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static final String ALERT = "InfectedAttachment";

    @Override
    public String name() {
        return "attachments";
    }

    @Override
    public String proves() {
        return "E2E 2: clean PDF -> clamd -> stored, 'clean'; EICAR -> quarantined, 'infected'; the InfectedAttachment"
                + " rule's expression returns data in Prometheus and the alert fires";
    }

    @Override
    public void run(Context c) {
        for (Mailer m : c.stack().mailers()) {
            Traffic.Sent clean = c.traffic().send(m, "pdf", Traffic.Attachment.PDF);
            Traffic.Sent virus = c.traffic().send(m, "eicar", Traffic.Attachment.EICAR);
            Path dir = c.stack().work.resolve(m.name());
            c.report()
                    .check(
                            m.name() + ": clean PDF stored, virus_scan_status 'clean', file in the attachment store",
                            () -> {
                                Map<String, Object> a = scanned(m, clean);
                                expect(a, "STORED", "clean");
                                expectFile(dir.resolve("attachments").resolve((String) a.get("path")));
                                return "scanned after " + a.get("scan_attempts") + " attempt(s)";
                            });
            c.report().check(m.name() + ": EICAR quarantined, virus_scan_status 'infected', only in quarantine", () -> {
                Map<String, Object> a = scanned(m, virus);
                expect(a, "QUARANTINED", "infected");
                expectFile(dir.resolve("quarantine").resolve((String) a.get("path")));
                if (Files.exists(dir.resolve("attachments").resolve((String) a.get("path")))) {
                    throw new AssertionError("the infected file is in the attachment store too");
                }
                return "signature " + a.get("signature");
            });
        }
        String expr = ruleExpression(c);
        c.report().check("alert rule " + ALERT + " (" + expr + ") returns data in Prometheus", () -> {
            var r = Waits.until(
                    Duration.ofSeconds(30), expr, () -> c.stack().prometheus.query(expr), x -> !x.isEmpty());
            return r.size() + " series: "
                    + r.getValuesAs(JsonObject.class).stream()
                            .map(o -> o.getJsonObject("metric").getString("mailer", "?"))
                            .toList();
        });
        c.report().check("alert " + ALERT + " is firing", () -> {
            Waits.until(
                    Duration.ofSeconds(30),
                    ALERT + " firing",
                    () -> c.stack().prometheus.alerts().getValuesAs(JsonObject.class).stream()
                            .anyMatch(
                                    a -> ALERT.equals(a.getJsonObject("labels").getString("alertname"))
                                            && "firing".equals(a.getString("state"))));
            return null;
        });
    }

    /** The rule's expression as Prometheus loaded it from monitoring/prometheus-rules.yml. */
    static String ruleExpression(Context c) {
        return c.stack().prometheus.ruleGroups().getValuesAs(JsonObject.class).stream()
                .flatMap(g -> g.getJsonArray("rules").getValuesAs(JsonObject.class).stream())
                .filter(r -> ALERT.equals(r.getString("name")))
                .map(r -> r.getString("query"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no rule " + ALERT + " loaded from monitoring/prometheus-rules.yml"));
    }

    private static Map<String, Object> scanned(Mailer m, Traffic.Sent mail) {
        return Waits.until(
                        WITHIN,
                        "the attachment of " + mail.subject() + " scanned",
                        () -> m.db().rows(
                                        "select a.* from attachment a join mail_message m on m.id = a.mail_id where m.message_id = ?",
                                        mail.messageId()),
                        r -> r.size() == 1 && !"pending".equals(r.get(0).get("virus_scan_status")))
                .get(0);
    }

    private static void expect(Map<String, Object> a, String outcome, String scan) {
        if (!outcome.equals(a.get("outcome")) || !scan.equals(a.get("virus_scan_status"))) {
            throw new AssertionError("outcome " + a.get("outcome") + ", virus_scan_status " + a.get("virus_scan_status")
                    + ", reason " + a.get("reason"));
        }
    }

    private static void expectFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no file " + file);
        }
    }
}
