package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Mails;

/**
 * Not a test: how long one mail takes from SMTP delivery to stored, with IMAP IDLE and with polling alone,
 * on a fresh dev stack each (GreenMail with TCP_NODELAY, PostgreSQL, clamd, the Liberty server the build
 * made; triage by rules). N single mails, each its own SMTP transaction, one every {@code bench.pace}
 * milliseconds; a mail's latency runs from the end of its SMTP transaction (GreenMail has put it into the
 * mailbox before it answers 250) to its row's {@code received_at} (the storing transaction's start). The
 * IDLE run polls every ten minutes, so IDLE alone fetches; the polling run has {@code mailer.imap.idle=off}
 * and the production poll interval unless {@code bench.poll} says otherwise.
 *
 * <pre>./mvnw -Pidle-bench [-Dbench.n=200] [-Dbench.pace=500] [-Dbench.poll=60s]</pre>
 */
public final class IdleLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 200);
        Duration pace = Duration.ofMillis(Long.getLong("bench.pace", 500));
        String poll = System.getProperty("bench.poll", "60s");
        Path work = Path.of("target/bench-idle").toAbsolutePath();
        StringBuilder report = new StringBuilder(String.format(
                "SMTP -> stored latency, N=%d single mails, one every %d ms, %s (%d cores)%n",
                n, pace.toMillis(), Instant.now(), Runtime.getRuntime().availableProcessors()));
        report.append(
                run(work.resolve("idle"), "IDLE (poll every 10m)", n, pace, Map.of("MAILER_POLL_INTERVAL", "10m")));
        report.append(run(
                work.resolve("poll"),
                "polling only (mailer.imap.idle=off, poll every " + poll + ")",
                n,
                pace,
                Map.of("MAILER_IMAP_IDLE", "off", "MAILER_POLL_INTERVAL", poll)));
        System.out.println(report);
        Files.writeString(work.resolve("result.txt"), report);
        System.exit(0);
    }

    static String run(Path work, String label, int n, Duration pace, Map<String, String> mode) throws Exception {
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        Map<String, String> env = new HashMap<>(Map.of("MAILER_TRIAGE_AI_ENABLED", "false"));
        env.putAll(mode);
        DevStack stack = new DevStack(
                new DevStack.Options(work, Path.of("target/liberty/wlp").toAbsolutePath(), "mailer", 0, 0, 0, 0, env));
        try {
            stack.startServices();
            stack.startMailer(Duration.ofMinutes(3));
            Db db = new Db(stack);
            String loadBefore = loadAverage();
            String tag = Mails.unique("Latenz");
            Map<String, Instant> sent = new HashMap<>();
            Instant next = Instant.now();
            for (int i = 0; i < n; i++) {
                // the pace of arrivals is what is measured against, so this waits on purpose
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.between(Instant.now(), next).toNanos());
                next = next.plus(pace);
                String subject = tag + " #" + i;
                Mails.send(stack.mail().smtpPort(), Mails.plain("latency" + i + "@bench.example", subject, "x"));
                sent.put(subject, Instant.now());
            }
            String like = tag + " #%";
            Waits.until(
                    Duration.ofMinutes(15),
                    "all " + n + " mails stored",
                    () -> db.count("select count(*) from mail_message where subject like ?", like) >= n);
            String loadAfter = loadAverage();
            List<Double> latencies = new ArrayList<>();
            for (Map<String, Object> row : db.rows(
                    "select subject, extract(epoch from received_at) as stored from mail_message where subject like ?",
                    like)) {
                double stored = ((Number) row.get("stored")).doubleValue();
                Instant at = sent.get((String) row.get("subject"));
                latencies.add(stored - at.toEpochMilli() / 1e3 - at.getNano() % 1_000_000 / 1e9);
            }
            double[] sorted =
                    latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(
                    "  %-55s p50 %7.3f s  p95 %7.3f s  max %7.3f s  (n=%d; load average before %s, after %s)%n",
                    label,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    sorted[sorted.length - 1],
                    sorted.length,
                    loadBefore,
                    loadAfter);
        } finally {
            stack.close();
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static String loadAverage() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return String.join(" ", Arrays.copyOf(f, 3));
    }
}
