package it.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.LocalPostgres;
import dev.Waits;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts provoked for real arrive as mail, natively: the running mailer and a PostgreSQL with its
 * exporter → Debian's Prometheus with the stack's rules → Debian's Alertmanager started by the
 * stack's entry point with the stack's configuration and mail template → SMTP of the test's mail
 * server. PostgreSQL is stopped and clamd is stopped; each alert's mail names what is wrong and
 * links to its runbook section, which exists. (The container run does the same through the
 * containers: {@code test/containers/run.sh}.)
 *
 * <p>One change to the rules: the provoked alerts wait 5 s instead of their {@code for:} (2 and 5
 * minutes), which {@code monitoring/tests/prometheus-rules.test.yml} checks with promtool.
 */
class AlertMailIT {

    static final String TO = "betrieb-alarme@mailer.test";
    static final Set<String> PROVOKED = Set.of("PostgresDown", "ClamavDown");
    static final Duration MAIL = Duration.ofSeconds(120);

    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    static DevStack stack;
    static LocalPostgres watched;

    @BeforeAll
    static void chain() throws IOException {
        for (String binary : List.of(LocalPrometheus.BINARY, LocalAlertmanager.BINARY, Exporters.POSTGRES_EXPORTER)) {
            assertTrue(
                    Daemon.installed(binary),
                    binary + " is not installed: apt-get install -y prometheus prometheus-alertmanager"
                            + " prometheus-postgres-exporter (.ci/run does)");
        }
        stack = ItStack.get();
        Path work = Files.createDirectories(
                Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath());
        work = Files.createTempDirectory(work, "alerts-");

        // a PostgreSQL of this test's own, watched by postgres-exporter: stopping it leaves the
        // database every other test class shares alone
        watched = new LocalPostgres(work.resolve("watched"), DevStack.port(0));
        watched.start();
        STARTED.push(watched);
        List<LocalPrometheus.Job> jobs = new ArrayList<>();
        jobs.add(new LocalPrometheus.Job(
                "mailer",
                "127.0.0.1:" + stack.httpPort(),
                Map.of("mailer", "praxis", "instance", "praxis-mailer:9080")));
        jobs.addAll(Exporters.start(work.resolve("exporters"), watched.port(), STARTED));

        LocalAlertmanager alertmanager = LocalAlertmanager.start(
                work.resolve("alertmanager"), "127.0.0.1:" + stack.mail().smtpPort(), TO);
        STARTED.push(alertmanager);
        Path rules = work.resolve("rules.yml");
        Files.writeString(rules, waitingShorter(Files.readString(Path.of("monitoring/prometheus-rules.yml"))));
        LocalPrometheus prometheus =
                // postgres-exporter answers a scrape of a stopped server after about a second, with
                // pg_up 0: a 1 s scrape timeout would lose that sample (Prometheus's default is 10 s)
                LocalPrometheus.start(work.resolve("prometheus"), rules, jobs, 3, alertmanager.address());
        STARTED.push(prometheus);
        System.out.println("Prometheus " + prometheus.url() + " → Alertmanager " + alertmanager.url() + " → SMTP :"
                + stack.mail().smtpPort());
        Waits.until(
                Duration.ofSeconds(30),
                "every target scraped (up == 1), PostgreSQL and clamd seen up",
                () -> prometheus.value("count(up == 1)") == jobs.size()
                        && prometheus.value("pg_up") == 1.0
                        && prometheus.value("clamd_up{mailer=\"praxis\"}") == 1.0);
    }

    @AfterAll
    static void stop() throws IOException {
        // other test classes share this clamd: never leave it stopped
        if (stack != null && !stack.clamd().client(Duration.ofSeconds(1)).ping()) {
            stack.clamd().restart();
        }
        while (!STARTED.isEmpty()) {
            try {
                STARTED.pop().close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }

    @Test
    void theDailyWatchdogMailSaysThatAlertingWorks() {
        AlertMail watchdog = Waits.until(
                        MAIL,
                        "the Watchdog mail arrives",
                        () -> mail("[OK] Mailer-Überwachung läuft"),
                        Optional::isPresent)
                .orElseThrow();
        assertTrue(watchdog.text().contains("docs/alerts.md#watchdog"), watchdog.text());
        assertTrue(watchdog.text().contains("If it stops arriving, monitoring itself is broken"), watchdog.text());
    }

    @Test
    void postgresStoppedAndClamdStoppedArriveAsMailNamingWhatIsWrongAndWhatToDo() throws IOException {
        watched.stop();
        stack.clamd().stop();
        try {
            AlertMail postgres = Waits.until(
                            MAIL,
                            "the PostgresDown mail arrives",
                            () -> mail("[ALARM] PostgresDown: PostgreSQL does not answer postgres-exporter"),
                            Optional::isPresent)
                    .orElseThrow();
            AlertMail clamd = Waits.until(
                            MAIL,
                            "the ClamavDown mail arrives",
                            () -> mail("[ALARM] ClamavDown (praxis): praxis mailer cannot reach clamd"),
                            Optional::isPresent)
                    .orElseThrow();
            for (AlertMail m : List.of(postgres, clamd)) {
                // German first, then English; what, details, and the runbook section
                assertTrue(m.text().startsWith("Im Mailer-System ist etwas nicht in Ordnung"), m.text());
                assertTrue(m.text().contains("Something is wrong in the mailer system"), m.text());
                assertTrue(m.text().contains("(critical)"), m.text());
            }
            assertTrue(postgres.text().contains("docker compose logs postgres"), postgres.text());
            assertTrue(clamd.text().contains("docker compose logs clamav"), clamd.text());
            assertEquals("docs/alerts.md#postgresdown", postgres.runbook());
            assertEquals("docs/alerts.md#clamavdown", clamd.runbook());
            String runbook = Files.readString(Path.of("docs/alerts.md"));
            for (AlertMail m : List.of(postgres, clamd)) {
                String anchor = m.runbook().substring(m.runbook().indexOf('#') + 1);
                assertTrue(runbook.contains("\n### " + anchor + "\n"), "docs/alerts.md has the section " + anchor);
            }
        } finally {
            stack.clamd().restart();
        }
    }

    /** The provoked alerts' {@code for:} → 5 s; every other line as the operator runs it. */
    static String waitingShorter(String rules) {
        StringBuilder out = new StringBuilder();
        String alert = "";
        for (String line : rules.split("\n", -1)) {
            Matcher a = Pattern.compile("^\\s*- alert: (\\w+)").matcher(line);
            if (a.find()) {
                alert = a.group(1);
            } else if (PROVOKED.contains(alert) && line.matches("^\\s*for: \\w+$")) {
                line = line.replaceFirst("for: \\w+", "for: 5s");
            }
            out.append(line).append('\n');
        }
        String result = out.substring(0, out.length() - 1);
        assertEquals(PROVOKED.size(), result.split("for: 5s", -1).length - 1, "each provoked rule has a for:");
        return result;
    }

    record AlertMail(String subject, String text) {
        String runbook() {
            Matcher m = Pattern.compile("Was tun / What to do: (\\S+)").matcher(text);
            assertTrue(m.find(), text);
            return m.group(1);
        }
    }

    static Optional<AlertMail> mail(String subjectStart) {
        GreenMailUser user = stack.mail().managers().getUserManager().getUserByEmail(TO);
        if (user == null) {
            return Optional.empty();
        }
        try {
            for (var stored : stack.mail().inbox(user).getMessages()) {
                var m = stored.getMimeMessage();
                if (m.getSubject() != null && m.getSubject().startsWith(subjectStart)) {
                    return Optional.of(new AlertMail(m.getSubject(), text(m).strip()));
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part (Alertmanager sends multipart/alternative). */
    static String text(Part p) throws MessagingException {
        try {
            if (p.isMimeType("text/plain")) {
                return (String) p.getContent();
            }
            if (p.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    String t = text(mp.getBodyPart(i));
                    if (!t.isEmpty()) {
                        return t;
                    }
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
