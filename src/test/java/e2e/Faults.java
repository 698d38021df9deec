package e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.Waits;

/**
 * Each dependency stopped in turn for the outage's duration while one stream of mail keeps arriving:
 * the mailers stay alive, readiness names the failing dependency where a check exists (where none
 * does, the harness shows the mailers saw the outage), and once it is back everything sent so far
 * is processed, nothing lost, nothing doubled. One after another, so every failure is attributable.
 */
final class Faults implements Scenario {

    static final Duration BACK = Duration.ofSeconds(120);

    /** A dependency: how to stop and start it, its readiness check (null: none), and how its absence shows. */
    record Fault(
            String name,
            String check,
            Consumer<Context> stop,
            Consumer<Context> start,
            Function<Context, Long> symptom,
            String symptomText) {}

    static List<Fault> faults(MailStream stream) {
        return List.of(
                new Fault(
                        "imap",
                        "imap",
                        c -> c.stack().mail.stopImap(),
                        c -> c.stack().mail.startImap(),
                        null,
                        null),
                new Fault(
                        "smtp",
                        null,
                        c -> {
                            stream.smtpDown(true);
                            c.stack().mail.stopSmtp();
                        },
                        c -> {
                            c.stack().mail.startSmtp();
                            stream.smtpDown(false);
                        },
                        c -> sum(c, "select count(*) from outbound_mail where status <> 'SENT' and attempts > 0"),
                        "replies waiting after failed send attempts"),
                new Fault(
                        "postgresql",
                        "database",
                        c -> c.stack().postgres.stop(),
                        c -> c.stack().postgres.start(),
                        null,
                        null),
                new Fault(
                        "clamd",
                        "clamd",
                        c -> c.stack().clamd.stop(),
                        c -> {
                            try {
                                c.stack().clamd.restart();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        null,
                        null),
                new Fault(
                        "ollama",
                        null,
                        c -> c.stack().model.stop(),
                        c -> c.stack().model.start(),
                        c -> sum(
                                c,
                                "select count(*) from classification where classified_by = 'rules' and ai_outcome <> 'ok'"),
                        "mails classified by the rules fallback"));
    }

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public String proves() {
        return "IMAP, SMTP, PostgreSQL, clamd and Ollama each down for the outage's duration while mail keeps arriving:"
                + " liveness stays 200, readiness names the dependency, everything processed once afterwards";
    }

    @Override
    public void run(Context c) {
        Duration outage = c.options().outage();
        try (MailStream stream =
                new MailStream(c.traffic(), c.stack().mailers(), "faults", 0, 5, Duration.ofMillis(500))) {
            for (Fault f : faults(stream)) {
                outage(c, f, outage, stream);
            }
            List<Traffic.Sent> all = stream.stop();
            c.report()
                    .check(
                            all.size() + " mails sent during all outages: every one stored, classified, scanned and"
                                    + " answered exactly once",
                            () -> c.ledger().awaitComplete(all, BACK).toString());
        }
    }

    private void outage(Context c, Fault f, Duration outage, MailStream stream) {
        long before = f.symptom() == null ? 0 : f.symptom().apply(c);
        int sentBefore = stream.count();
        long start = System.nanoTime();
        f.stop().accept(c);
        long end = start + outage.toNanos();
        List<String> notAlive = new ArrayList<>();
        Map<String, String> detected = new LinkedHashMap<>();
        long[] symptoms = {before};
        int[] samples = {0};
        long[] nextSample = {start};
        Waits.until(outage.plusSeconds(30), f.name() + " outage of " + outage, () -> {
            long now = System.nanoTime();
            if (now >= nextSample[0]) {
                nextSample[0] = now + 1_000_000_000L;
                samples[0]++;
                for (Mailer m : c.stack().mailers()) {
                    int live = m.status("/health/live");
                    if (live != 200) {
                        notAlive.add(m.name() + " " + live + " at " + seconds(now - start));
                    }
                    if (f.check() != null
                            && !detected.containsKey(m.name())
                            && m.check(f.check()).filter("DOWN"::equals).isPresent()) {
                        detected.put(m.name(), seconds(System.nanoTime() - start));
                    }
                }
                if (f.symptom() != null && symptoms[0] <= before) {
                    symptoms[0] = f.symptom().apply(c);
                }
            }
            return System.nanoTime() >= end;
        });
        c.report()
                .check(f.name() + " down " + Report.seconds(outage) + ": both mailers alive (/health/live 200)", () -> {
                    if (!notAlive.isEmpty()) {
                        throw new AssertionError("not alive: " + notAlive);
                    }
                    return samples[0] + " samples each; " + (stream.count() - sentBefore) + " mails arrived meanwhile";
                });
        if (f.check() != null) {
            c.report().check(f.name() + " down: /health/ready names '" + f.check() + "' DOWN on both mailers", () -> {
                if (detected.size() != c.stack().mailers().size()) {
                    throw new AssertionError("seen DOWN only on " + detected.keySet());
                }
                return "after "
                        + detected.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .toList();
            });
        } else {
            c.report()
                    .check(
                            f.name() + " down: no readiness check exists for it; the mailers saw the outage ("
                                    + f.symptomText() + ")",
                            () -> {
                                if (symptoms[0] <= before) {
                                    throw new AssertionError(
                                            "no sign of the outage: " + f.symptomText() + " stayed at " + before);
                                }
                                return before + " -> " + symptoms[0];
                            });
        }
        long back = System.nanoTime();
        f.start().accept(c);
        List<Traffic.Sent> sofar = stream.sent();
        c.report()
                .check(
                        f.name() + " back: both mailers ready, the " + sofar.size()
                                + " mails sent so far processed exactly once",
                        () -> {
                            c.stack().awaitReady();
                            double ready = (System.nanoTime() - back) / 1e9;
                            Ledger.Status s = c.ledger().awaitComplete(sofar, BACK);
                            return String.format(
                                    java.util.Locale.ROOT,
                                    "ready after %.1f s, caught up after %s (%s)",
                                    ready,
                                    seconds(System.nanoTime() - back),
                                    s);
                        });
        if ("ollama".equals(f.name())) {
            c.report()
                    .check(
                            "ollama back: the outage's rules verdicts asked again, every mail classified by the model",
                            () -> Waits.until(
                                            BACK,
                                            "all classified_by='ai'",
                                            () -> c.ledger().safely(sofar),
                                            s -> s != null && s.classifiedByAi() == s.sent())
                                    .toString());
        }
    }

    private static long sum(Context c, String sql) {
        return c.stack().mailers().stream()
                .mapToLong(m -> Math.max(0, m.db().count(sql)))
                .sum();
    }

    private static String seconds(long nanos) {
        return Report.seconds(Duration.ofNanos(nanos));
    }
}
