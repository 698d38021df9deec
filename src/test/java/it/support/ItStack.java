package it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.DevStack;

/**
 * The one stack all integration tests share: a real PostgreSQL, a real IMAP/SMTP server and the
 * Liberty server the build created, started on free loopback ports on first use and stopped when
 * the test JVM ends. Tuned for tests: a one-second poll, small batches, a 1 MB size cap per mail,
 * a 256 KiB cap per attachment (below the mail cap, so an attachment over it can still arrive),
 * and pending virus scans retried every two seconds.
 */
public final class ItStack {

    public static final long MAX_MESSAGE_BYTES = 1_048_576;
    public static final long MAX_ATTACHMENT_BYTES = 262_144;
    public static final Duration READY = Duration.ofMinutes(3);

    private static DevStack stack;

    private ItStack() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            Path work = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath();
            Path wlp = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
            DevStack s = new DevStack(new DevStack.Options(work, wlp, System.getProperty("it.server", "mailer"),
                    0, 0, 0, 0, Map.of(
                            "MAILER_POLL_INTERVAL", "1s",
                            "MAILER_POLL_BATCH_SIZE", "10",
                            "MAILER_POLL_MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_BYTES),
                            "MAILER_IMAP_AFTER_STORE", "seen",
                            "MAILER_HEALTH_IMAP_MAX_AGE", "30s",
                            "MAILER_OPS_TRIGGER_ENABLED", "true",
                            "MAILER_STARTUP_GRACE", "20s",
                            "HEALTH_CHECK_INTERVAL", "1s",
                            "MAILER_ATTACHMENT_MAX_SIZE", String.valueOf(MAX_ATTACHMENT_BYTES),
                            "MAILER_ATTACHMENT_SCAN_RETRY_INTERVAL", "2s")));
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "it-stack-stop"));
            s.startServices();
            s.startMailer(READY);
            stack = s;
        }
        return stack;
    }
}
