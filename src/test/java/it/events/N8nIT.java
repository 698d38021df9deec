package it.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.LocalClamd;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's n8n template ({@code deploy/n8n/mailer-events.json}) in a real n8n from npm, fed by
 * the build's Liberty server: an emergency mail notifies the staff phone, an EICAR attachment the
 * operator; a POST without the right signature is refused with 401 and notifies nobody; the same
 * signed event twice notifies once. Runs where n8n is installed ({@code test/n8n/install.sh}, cached outside
 * the clone; {@code .ci/run} installs it); {@code -Dn8n.skip=true} skips it.
 */
class N8nIT {

    static final String SECRET = "n8n-it-secret-" + UUID.randomUUID();
    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis", "n8n@mailer.test", "n8n", "n8n-dev-password", "n8n", "n8n_mailer", "n8n-dev-db-password");

    static DevStack stack;
    static Receiver phones;
    static LocalN8n n8n;
    static OllamaStandIn ollama;
    static SecondMailer mailer;
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(!Boolean.getBoolean("n8n.skip"), "skipped with -Dn8n.skip=true");
        assumeTrue(LocalN8n.installed(), "n8n is not installed at " + LocalN8n.home() + " (test/n8n/install.sh)");
        stack = ItStack.get();
        phones = new Receiver();
        Path work = stack.options().workDir().resolve("n8n");
        Files.createDirectories(work);
        Path secret = work.resolve("events-secret");
        Files.writeString(secret, SECRET + "\n");
        n8n = new LocalN8n(
                work,
                Map.of(
                        "MAILER_EVENTS_SECRET_FILE", secret.toString(),
                        "MAILER_NOTIFY_STAFF_URL", phones.url("/staff"),
                        "MAILER_NOTIFY_OPERATOR_URL", phones.url("/operator")));
        // assigned before it starts, so @AfterAll stops an n8n that never answered
        n8n.start(Path.of("deploy/n8n/mailer-events.json"), Duration.ofMinutes(3));
        ollama = new OllamaStandIn();
        mailer = new SecondMailer(
                        stack,
                        "n8n",
                        ACCOUNT,
                        ollama.url(),
                        Map.of(
                                "MAILER_EVENTS_URL", n8n.webhookUrl(),
                                "MAILER_EVENTS_SECRET_FILE", secret.toString(),
                                "MAILER_EVENTS_INTERVAL", "500ms"))
                .start(ItStack.READY);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {mailer, ollama, n8n, phones}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping the rest matters more
            }
        }
    }

    @Test
    void anEmergencyNotifiesTheStaffAndAVirusTheOperatorThroughTheTemplate() {
        Mails.sendRaw(
                stack.mail().smtpPort(),
                ACCOUNT.mailbox(),
                Mails.bytes(Mails.plain(
                        "angehoerige-" + TAG + "@privat.example",
                        "Notfall " + TAG,
                        "Mein Vater ist bewusstlos und atmet kaum.")));
        Mails.sendRaw(
                stack.mail().smtpPort(),
                ACCOUNT.mailbox(),
                EventsIT.withEicar(ACCOUNT.mailbox(), "Rechnung " + TAG, "r.pdf"));
        Receiver.Request staff = Waits.until(
                        Duration.ofSeconds(120),
                        "n8n notified the staff phone (n8n log: " + n8n.log() + ")",
                        () -> phones.requests().stream()
                                .filter(r ->
                                        r.path().equals("/staff") && r.body().contains("Postfach praxis"))
                                .toList(),
                        l -> !l.isEmpty())
                .get(0);
        assertTrue(staff.body().startsWith("Dringende Mail im Postfach praxis"), staff.body());
        assertTrue(!staff.body().contains(TAG), "no content of the mail: " + staff.body());
        Receiver.Request operator = Waits.until(
                        Duration.ofSeconds(120),
                        "n8n notified the operator",
                        () -> phones.requests().stream()
                                .filter(r -> r.path().equals("/operator"))
                                .toList(),
                        l -> !l.isEmpty())
                .get(0);
        assertTrue(operator.body().contains(LocalClamd.SIGNATURE), operator.body());
    }

    @Test
    void aWrongSignatureIsRefusedAndADuplicateNotifiesOnce() {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"email.classified\",\"occurred_at\":"
                + "\"2026-12-06T11:00:00Z\",\"mailer\":\"dup-" + TAG + "\",\"data\":{\"mail_id\":1,"
                + "\"category\":\"emergency\",\"priority\":\"urgent\"}}";
        assertEquals(401, LocalN8n.post(n8n.webhookUrl(), body, sign("a-wrong-secret-of-16+", body)));
        assertEquals(401, LocalN8n.post(n8n.webhookUrl(), body, null));
        assertEquals(200, LocalN8n.post(n8n.webhookUrl(), body, sign(SECRET, body)));
        assertEquals(200, LocalN8n.post(n8n.webhookUrl(), body, sign(SECRET, body)), "a duplicate is accepted");
        Waits.until(Duration.ofSeconds(30), "the signed event notified the staff", () -> notices(), n -> n >= 1);
        // a later, different event is notified after the duplicate: the duplicate had its chance
        String next = body.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"");
        assertEquals(200, LocalN8n.post(n8n.webhookUrl(), next, sign(SECRET, next)));
        Waits.until(Duration.ofSeconds(30), "the next event notified the staff", () -> notices(), n -> n >= 2);
        assertEquals(2, notices(), "two distinct events, two notices; the duplicate and the forgeries none");
    }

    private static long notices() {
        return phones.requests().stream()
                .filter(r -> r.path().equals("/staff") && r.body().contains("dup-" + TAG))
                .count();
    }

    private static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
