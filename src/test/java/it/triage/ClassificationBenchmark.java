package it.triage;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Flags;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Mails;

/**
 * The AI path's throughput against the stand-in's capacity (slots / latency): N mails go straight
 * into the mailbox, the running mailer fetches and classifies them, and the classification
 * timestamps give the rate. Not a test (no *IT): run it with
 * {@code ./mvnw -DskipTests package exec:java -Dexec.mainClass=it.triage.ClassificationBenchmark
 * -Dexec.classpathScope=test -Dexec.args="500 200 2"} (mails, latency ms, slots), or call {@link #run} on a
 * stack whose {@code MAILER_OLLAMA_PARALLEL} equals {@code slots}.
 */
public final class ClassificationBenchmark {

    /** {@code ratio}: achieved / capacity; the target is at least 0.95. */
    public record Result(
            int mails,
            Duration latency,
            int slots,
            double mailsPerSecond,
            double capacity,
            double ratio,
            Duration wall) {

        @Override
        public String toString() {
            return String.format(
                    "%d mails, latency %d ms, %d slots: %.2f mails/s of a capacity of %.2f (P/L) = %.1f %%"
                            + " (wall %d ms, fetch included)",
                    mails, latency.toMillis(), slots, mailsPerSecond, capacity, ratio * 100, wall.toMillis());
        }
    }

    private ClassificationBenchmark() {}

    public static Result run(DevStack stack, int mails, Duration latency, int slots) {
        stack.ollama()
                .mode(dev.OllamaStandIn.Mode.OK)
                .latency(latency)
                .slots(slots)
                .resetCounters();
        String tag = "Bench " + UUID.randomUUID().toString().substring(0, 8);
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        Instant start = Instant.now();
        for (int i = 0; i < mails; i++) {
            stack.mail()
                    .inbox(user)
                    .appendMessage(
                            Mails.plain(
                                    "bench" + i + "@patient.example",
                                    tag + " #" + i,
                                    "Ich möchte einen neuen Termin vereinbaren. " + i),
                            new Flags(),
                            null);
        }
        Db db = new Db(stack);
        String like = tag + " #%";
        String count =
                "select count(*) from classification c join mail_message m on m.id = c.mail_id where m.subject like ?";
        Duration limit =
                latency.multipliedBy(mails).dividedBy(slots).multipliedBy(3).plusMinutes(3);
        Waits.until(limit, "all " + mails + " classified", () -> db.count(count, like) == mails);
        Duration wall = Duration.between(start, Instant.now());
        Map<String, Object> span = db.rows(
                        "select min(c.created_at) as first, max(c.created_at) as last from classification c"
                                + " join mail_message m on m.id = c.mail_id where m.subject like ?",
                        like)
                .get(0);
        double seconds =
                (((Timestamp) span.get("last")).getTime() - ((Timestamp) span.get("first")).getTime()) / 1000.0;
        double rate = seconds <= 0 ? Double.NaN : (mails - 1) / seconds;
        double capacity = slots / (latency.toMillis() / 1000.0);
        stack.ollama().latency(Duration.ZERO).slots(0);
        return new Result(mails, latency, slots, rate, capacity, rate / capacity, wall);
    }

    /** {@code <mails> <latency-ms> <slots>}: starts its own stack with that many Ollama slots, prints the result. */
    public static void main(String[] args) {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work =
                Path.of(System.getProperty("bench.work.dir", "target/bench")).toAbsolutePath();
        Path wlp =
                Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        try (DevStack stack = new DevStack(new DevStack.Options(
                work,
                wlp,
                "mailer",
                0,
                0,
                0,
                0,
                Map.of(
                        "MAILER_POLL_INTERVAL",
                        "1s",
                        "MAILER_POLL_BATCH_SIZE",
                        "50",
                        "MAILER_IMAP_AFTER_STORE",
                        "seen",
                        "MAILER_OLLAMA_PARALLEL",
                        String.valueOf(slots),
                        "MAILER_OLLAMA_QUEUE",
                        String.valueOf(slots),
                        "MAILER_REPLY_ENABLED",
                        "false",
                        "LOG_CONSOLE_FORMAT",
                        "simple")))) {
            stack.startServices();
            stack.startMailer(Duration.ofMinutes(3));
            System.out.println(run(stack, mails, latency, slots));
        }
    }
}
