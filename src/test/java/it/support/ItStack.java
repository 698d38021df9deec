package it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.DevStack;
import dev.LibertyServer;

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
    /** The Fault Tolerance deadline of one classification request. */
    public static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(3);

    /** Failed logins of one name in a row before it is locked out, and for how long. */
    public static final int LOGIN_MAX_FAILURES = 5;

    public static final Duration LOGIN_LOCKOUT = Duration.ofSeconds(4);

    public static final Duration OUTBOX_LEASE = Duration.ofSeconds(15);
    public static final int OUTBOX_MAX_ATTEMPTS = 6;
    /** Where the mailers of this stack send the notice that urgent mail waits. */
    public static final String URGENT_NOTICE_TO = "team-dringend@mailer.test";

    /** The tuning described above, for this stack's mailer and for further mailers started beside it ({@link SecondMailer}). */
    public static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("MAILER_POLL_INTERVAL", "1s"),
            Map.entry("MAILER_POLL_BATCH_SIZE", "10"),
            Map.entry("MAILER_POLL_MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_BYTES)),
            Map.entry("MAILER_IMAP_AFTER_STORE", "seen"),
            Map.entry("MAILER_HEALTH_IMAP_MAX_AGE", "30s"),
            Map.entry("MAILER_OPS_TRIGGER_ENABLED", "true"),
            Map.entry("MAILER_STARTUP_GRACE", "20s"),
            Map.entry("HEALTH_CHECK_INTERVAL", "1s"),
            Map.entry("MAILER_ATTACHMENT_MAX_SIZE", String.valueOf(MAX_ATTACHMENT_BYTES)),
            Map.entry("MAILER_ATTACHMENT_SCAN_RETRY_INTERVAL", "2s"),
            // triage: short deadlines so fault tolerance shows within a test
            Map.entry("MAILER_TRIAGE_SWEEP_INTERVAL", "1s"),
            Map.entry("MAILER_OLLAMA_TIMEOUT_MS", String.valueOf(OLLAMA_TIMEOUT.toMillis())),
            Map.entry("MAILER_OLLAMA_READ_TIMEOUT_MS", "4000"),
            Map.entry("MAILER_OLLAMA_RETRY_DELAY_MS", "200"),
            Map.entry("MAILER_OLLAMA_RETRY_JITTER_MS", "100"),
            Map.entry("MAILER_OLLAMA_BREAKER_DELAY_MS", "4000"),
            // outbox: fast runs, short backoff, a lease a test can wait out
            Map.entry("MAILER_OUTBOX_INTERVAL", "1s"),
            Map.entry("MAILER_OUTBOX_BATCH_SIZE", "5"),
            Map.entry("MAILER_SMTP_TIMEOUT", "2s"),
            Map.entry("MAILER_OUTBOX_LEASE", OUTBOX_LEASE.toSeconds() + "s"),
            Map.entry("MAILER_OUTBOX_MAX_ATTEMPTS", String.valueOf(OUTBOX_MAX_ATTEMPTS)),
            Map.entry("MAILER_OUTBOX_BACKOFF", "1s"),
            Map.entry("MAILER_OUTBOX_BACKOFF_MAX", "2s"),
            // replies: a fast sweep (it only acts on mail whose planning was lost), and
            // drafts copied into the folder LocalMailServer creates for every user
            Map.entry("MAILER_REPLY_SWEEP_INTERVAL", "1s"),
            Map.entry("MAILER_REPLY_DRAFTS_FOLDER", dev.LocalMailServer.DRAFTS),
            // triage labels as on Gmail: a folder per label (GreenMail would also take keywords)
            Map.entry("MAILER_LABELS_MODE", "folders"),
            // staff are told at once when urgent mail arrives (EmergencyIT reads what they get)
            Map.entry("MAILER_NOTIFY_URGENT_TO", URGENT_NOTICE_TO),
            Map.entry("MAILER_NOTIFY_DELAY", "1s"),
            // logins: a lockout a test can wait out (PeopleIT)
            Map.entry("MAILER_REVIEW_LOGIN_MAX_FAILURES", String.valueOf(LOGIN_MAX_FAILURES)),
            Map.entry("MAILER_REVIEW_LOGIN_LOCKOUT", LOGIN_LOCKOUT.toSeconds() + "s"),
            // mail retention: only what a test made ten years old goes (PrivacyIT, run through /api/ops/retention)
            Map.entry("MAILER_RETENTION_MAIL", "3650d"));

    private static DevStack stack;
    private static StartLog startLog;

    private ItStack() {}

    public static synchronized DevStack get() {
        if (stack == null) {
            Path work = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath();
            Path wlp = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"))
                    .toAbsolutePath();
            DevStack s = new DevStack(
                    new DevStack.Options(work, wlp, System.getProperty("it.server", "mailer"), 0, 0, 0, 0, SETTINGS));
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "it-stack-stop"));
            s.startServices();
            long consoleBefore = StartLog.size(s.liberty().consoleLog());
            s.startMailer(READY);
            startLog = StartLog.since(s.liberty().consoleLog(), consoleBefore);
            stack = s;
        }
        return stack;
    }

    /** What the server logged from its launch until it was first ready, whichever test started it. */
    public static synchronized StartLog startLog() {
        get();
        return startLog;
    }

    /**
     * One more server of this build beside the stack's mailer, e.g. one that must fail at start: the
     * stack's settings with these overrides, in a work directory of its own, on ports of its own so
     * it never disturbs the running mailer.
     */
    public static LibertyServer beside(String name, Map<String, String> overrides) {
        DevStack s = get();
        Map<String, String> env = new HashMap<>(s.env());
        env.putAll(overrides);
        env.put("HTTP_PORT", String.valueOf(DevStack.port(0)));
        env.put("HTTPS_PORT", String.valueOf(DevStack.port(0)));
        return new LibertyServer(
                s.options().wlp(), s.options().server(), s.options().workDir().resolve(name), env);
    }
}
