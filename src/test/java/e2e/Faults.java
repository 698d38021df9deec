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
 * Each dependency stopped in turn while one stream of mail keeps arriving: the mailers stay alive,
 * readiness names the failing dependency where a check exists (where none does, the harness shows each
 * mailer saw the outage), and once it is back everything sent so far is processed, nothing lost,
 * nothing doubled. One after another, so every failure is attributable.
 * <p>
 * How long an outage lasts: by default ({@code --outage=seen}) until both mailers show it, then {@link #MARGIN}
 * more (at most {@link #LONGEST}); or a fixed number of seconds, {@code --outage=SECONDS} (e.g. 30).
 */
final class Faults implements Scenario {

    static final Duration BACK = Duration.ofSeconds(120);

    /**
     * How long a dependency stays down after both mailers show its outage. This proof depends on the
     * duration: it is at least twice the longest retry interval of the test tuning (Mailer.testEnv: SMTP
     * backoff 1, 2, 4 s, so a waiting reply fails again, checked below; the Ollama breaker's delay 4 s, so
     * once open it half-opens into the dead model and opens again; the IMAP poll every 1 s, its IDLE reconnects
     * after 1, 2, 4 s; the attachment scan retries every 2 s), and at 2 mails a second some 20 mails (4 with a PDF) arrive meanwhile.
     */
    static final Duration MARGIN = Duration.ofSeconds(10);

    /** The longest outage by default: one that is not seen on both mailers by then ends, and its check fails. */
    static final Duration LONGEST = Duration.ofSeconds(60);

    /**
     * A dependency: how to stop and start it, its readiness check (null: none), and how its absence shows
     * in each mailer's database where there is no check (a count that grows).
     */
    record Fault(
            String name,
            String check,
            Consumer<Context> stop,
            Consumer<Context> start,
            Function<Mailer, Long> symptom,
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
                        m -> count(m, "select count(*) from outbound_mail where status <> 'SENT' and attempts > 0"),
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
                        m -> count(
                                m,
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
        Duration outage = c.options().outage(); // null: until seen on both mailers, then MARGIN
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

    private void outage(Context c, Fault f, Duration fixed, MailStream stream) {
        List<Mailer> mailers = c.stack().mailers();
        Map<String, Long> before = new LinkedHashMap<>();
        if (f.symptom() != null) {
            mailers.forEach(m -> before.put(m.name(), f.symptom().apply(m)));
        }
        int sentBefore = stream.count();
        long start = System.nanoTime();
        f.stop().accept(c);
        Duration longest = fixed != null ? fixed : LONGEST;
        List<String> notAlive = new ArrayList<>();
        Map<String, String> detected = new LinkedHashMap<>();
        Map<String, Long> symptoms = new LinkedHashMap<>(before);
        int[] samples = {0};
        long[] nextSample = {start};
        long[] seenAt = {-1};
        Waits.until(longest.plusSeconds(30), f.name() + " outage of at most " + longest, () -> {
            long now = System.nanoTime();
            if (now >= nextSample[0]) {
                nextSample[0] = now + 1_000_000_000L;
                samples[0]++;
                for (Mailer m : mailers) {
                    int live = m.status("/health/live");
                    if (live != 200) {
                        notAlive.add(m.name() + " " + live + " at " + seconds(now - start));
                    }
                    if (f.check() != null
                            && !detected.containsKey(m.name())
                            && m.check(f.check()).filter("DOWN"::equals).isPresent()) {
                        detected.put(m.name(), seconds(System.nanoTime() - start));
                    }
                    if (f.symptom() != null && symptoms.get(m.name()) <= before.get(m.name())) {
                        symptoms.put(m.name(), f.symptom().apply(m));
                    }
                }
                boolean seen = f.check() != null
                        ? detected.size() == mailers.size()
                        : mailers.stream().allMatch(m -> symptoms.get(m.name()) > before.get(m.name()));
                if (seen && seenAt[0] < 0) {
                    seenAt[0] = System.nanoTime();
                }
            }
            long end = fixed != null
                    ? start + fixed.toNanos()
                    : seenAt[0] >= 0 ? seenAt[0] + MARGIN.toNanos() : start + LONGEST.toNanos();
            return System.nanoTime() >= end;
        });
        String lasted = seconds(System.nanoTime() - start)
                + (seenAt[0] < 0
                        ? " (not seen on both mailers)"
                        : " (seen on both after " + seconds(seenAt[0] - start) + ")");
        c.report().check(f.name() + " down " + lasted + ": both mailers alive (/health/live 200)", () -> {
            if (!notAlive.isEmpty()) {
                throw new AssertionError("not alive: " + notAlive);
            }
            int arrived = stream.count() - sentBefore;
            if (arrived == 0) {
                throw new AssertionError("no mail arrived during the outage");
            }
            return samples[0] + " samples each; " + arrived + " mails arrived meanwhile";
        });
        if (f.check() != null) {
            c.report().check(f.name() + " down: /health/ready names '" + f.check() + "' DOWN on both mailers", () -> {
                if (detected.size() != mailers.size()) {
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
                            f.name() + " down: no readiness check exists for it; each mailer saw the outage ("
                                    + f.symptomText() + ")",
                            () -> {
                                List<String> unseen = mailers.stream()
                                        .map(Mailer::name)
                                        .filter(n -> symptoms.get(n) <= before.get(n))
                                        .toList();
                                if (!unseen.isEmpty()) {
                                    throw new AssertionError("no sign of the outage on " + unseen + ": "
                                            + f.symptomText() + " stayed at " + before);
                                }
                                return before + " -> " + symptoms;
                            });
        }
        if ("smtp".equals(f.name())) {
            // the backoff at work during the outage (MARGIN): a reply that failed is tried again, not given up
            c.report().check("smtp down: a waiting reply was tried again on each mailer (attempts >= 2)", () -> {
                Map<String, Long> most = new LinkedHashMap<>();
                mailers.forEach(m -> most.put(
                        m.name(),
                        count(m, "select coalesce(max(attempts), 0) from outbound_mail where status <> 'SENT'")));
                if (most.values().stream().anyMatch(n -> n < 2)) {
                    throw new AssertionError("most attempts of a waiting reply: " + most);
                }
                return "most attempts of a waiting reply: " + most;
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

    private static long count(Mailer m, String sql) {
        return Math.max(0, m.db().count(sql));
    }

    private static String seconds(long nanos) {
        return Report.seconds(Duration.ofNanos(nanos));
    }
}
