package it.events;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.DevStack;
import dev.LocalClamd;
import dev.MailerAccount;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;
import it.support.Mails;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook events through the build's Liberty server, to a receiver this test runs: a mailer of its own
 * with {@code mailer.events.url} set gets a plain mail and one with the EICAR file. The receiver answers
 * each event's first POST with 500: every event arrives again with the same id and body, correctly
 * signed, and is delivered once; no address, subject, text or file name is in any payload. Then the
 * receiver fails everything: a new mail's event is given up (DEAD) after exactly max-attempts POSTs.
 * The shared mailer, without a URL, writes no events at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {

    static final int MAX_ATTEMPTS = 3;
    static final String SECRET = "it-events-secret-" + UUID.randomUUID();
    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis",
            "events@mailer.test",
            "events",
            "events-dev-password",
            "events",
            "events_mailer",
            "events-dev-db-password");

    static DevStack stack;
    static Receiver receiver;
    static OllamaStandIn ollama;
    static SecondMailer mailer;
    static Db db;
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws IOException {
        stack = ItStack.get();
        receiver = new Receiver();
        ollama = new OllamaStandIn();
        Path secret = stack.options().workDir().resolve("second").resolve("events-secret");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, SECRET);
        mailer = new SecondMailer(
                        stack,
                        "events",
                        ACCOUNT,
                        ollama.url(),
                        Map.of(
                                "MAILER_EVENTS_URL", receiver.url(),
                                "MAILER_EVENTS_SECRET_FILE", secret.toString(),
                                "MAILER_EVENTS_INTERVAL", "300ms",
                                "MAILER_EVENTS_BACKOFF", "200ms",
                                "MAILER_EVENTS_BACKOFF_MAX", "1s",
                                "MAILER_EVENTS_MAX_ATTEMPTS", String.valueOf(MAX_ATTEMPTS),
                                "MAILER_EVENTS_TIMEOUT", "2s"))
                .start(ItStack.READY);
        db = mailer.db();
    }

    @AfterAll
    static void stop() {
        if (mailer != null) {
            mailer.close();
        }
        if (ollama != null) {
            ollama.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void eachEventIsRetriedAfterA500SignedAndDeliveredOnceWithoutMailContent() {
        // the first POST of every event fails, the second succeeds
        receiver.answer((id, before) -> before == 0 ? 500 : 200);
        String sender = "geheim.person-" + TAG + "@privat.example";
        String subject = "Befund " + TAG;
        String text = "Diagnose streng vertraulich " + TAG;
        Mails.sendRaw(stack.mail().smtpPort(), ACCOUNT.mailbox(), Mails.bytes(plain(sender, subject, text)));
        String infectedName = "rechnung-" + TAG + ".pdf";
        String virusSubject = "Rechnung " + TAG;
        Mails.sendRaw(stack.mail().smtpPort(), ACCOUNT.mailbox(), withEicar(sender, virusSubject, infectedName));

        long plainId = mailId(subject);
        long virusId = mailId(virusSubject);
        List<Expected> expected = List.of(
                new Expected("email.received", plainId),
                new Expected("email.classified", plainId),
                new Expected("email.received", virusId),
                new Expected("attachment.infected", virusId));
        Map<Expected, JsonObject> delivered = Waits.until(
                Duration.ofSeconds(90),
                "the receiver accepted " + expected,
                EventsIT::accepted,
                m -> m.keySet().containsAll(expected));

        for (Expected e : expected) {
            String id = delivered.get(e).getString("id");
            List<Receiver.Request> posts = receiver.of(id);
            assertEquals(
                    List.of(500, 200),
                    posts.stream().map(Receiver.Request::status).toList(),
                    e + ": refused once, then delivered");
            assertEquals(posts.get(0).body(), posts.get(1).body(), "a retry carries the same body");
            assertEquals(e.type(), posts.get(0).type());
            Map<String, Object> row = db.rows(
                            "SELECT status, attempts FROM event_outbox WHERE id = CAST(? AS uuid)", id)
                    .get(0);
            assertEquals("DELIVERED", row.get("status"));
            assertEquals(2, ((Number) row.get("attempts")).intValue());
        }
        JsonObject infected = delivered.get(new Expected("attachment.infected", virusId));
        String signature = infected.getJsonObject("data").getString("signature");
        assertTrue(signature.startsWith(LocalClamd.SIGNATURE), signature);
        assertEquals("praxis", infected.getString("mailer"));

        for (Receiver.Request r : receiver.requests()) {
            assertEquals(hmac(r.body()), r.signature(), "signed: " + r.type());
            assertEquals(r.id(), json(r.body()).getString("id"), "the id header names the body's id");
            for (String personal :
                    List.of(sender, "geheim.person", subject, TAG + "@", "vertraulich", infectedName, "Erika")) {
                assertFalse(r.body().contains(personal), r.type() + " carries no mail content: " + r.body());
            }
        }
        Map<String, Long> okPerId = receiver.requests().stream()
                .filter(r -> r.status() == 200)
                .collect(Collectors.groupingBy(Receiver.Request::id, Collectors.counting()));
        assertEquals(Set.of(1L), Set.copyOf(okPerId.values()), "no event id was delivered twice");

        String metrics = Http.get(mailer.baseUrl() + "/metrics").body();
        assertTrue(Http.metric(metrics, "webhook_events_total", "result=\"delivered\"") >= expected.size(), metrics);
        assertTrue(Http.metric(metrics, "webhook_events_total", "result=\"failed\"") >= expected.size(), metrics);
    }

    @Test
    @Order(2)
    void anEventTheReceiverKeepsRefusingIsDeadAfterMaxAttempts() {
        receiver.answer((id, before) -> 503);
        String subject = "Rezept " + TAG;
        Mails.sendRaw(
                stack.mail().smtpPort(),
                ACCOUNT.mailbox(),
                Mails.bytes(plain("rezept-" + TAG + "@privat.example", subject, "Bitte ein Folgerezept.")));
        long id = mailId(subject);
        Map<String, Object> row = Waits.until(
                        Duration.ofSeconds(60),
                        "the email.received of mail " + id + " is dead",
                        () -> db.rows(
                                "SELECT CAST(id AS text) AS id, status, attempts, last_error FROM event_outbox"
                                        + " WHERE type = 'email.received'"
                                        + " AND CAST(body AS jsonb) -> 'data' ->> 'mail_id' = ?",
                                String.valueOf(id)),
                        rows -> rows.size() == 1 && "DEAD".equals(rows.get(0).get("status")))
                .get(0);
        assertEquals(MAX_ATTEMPTS, ((Number) row.get("attempts")).intValue());
        assertEquals("HTTP 503", row.get("last_error"));
        List<Receiver.Request> posts = receiver.of((String) row.get("id"));
        assertEquals(MAX_ATTEMPTS, posts.size(), "one POST per attempt, none after the last");
        String metrics = Http.get(mailer.baseUrl() + "/metrics").body();
        assertTrue(Http.metric(metrics, "webhook_events_total", "result=\"dead\"") >= 1, metrics);
    }

    @Test
    @Order(3)
    void aMailerWithoutAUrlWritesNoEvents() {
        Db shared = new Db(stack);
        String subject = "Ohne Ereignisse " + TAG;
        Mails.send(stack.mail().smtpPort(), plain("aus-" + TAG + "@privat.example", subject, "Guten Tag."));
        Waits.until(
                Duration.ofSeconds(90),
                "the shared mailer classified '" + subject + "'",
                () -> shared.count(
                        "SELECT count(*) FROM classification c JOIN mail_message m ON m.id = c.mail_id"
                                + " WHERE m.subject = ?",
                        subject),
                n -> n == 1);
        assertEquals(0, shared.count("SELECT count(*) FROM event_outbox"));
    }

    /** The accepted (200) events of this test, by type and mail. */
    private static Map<Expected, JsonObject> accepted() {
        return receiver.requests().stream()
                .filter(r -> r.status() == 200)
                .map(r -> json(r.body()))
                .filter(b -> b.getJsonObject("data").containsKey("mail_id"))
                .collect(Collectors.toMap(
                        b -> new Expected(
                                b.getString("type"),
                                b.getJsonObject("data").getJsonNumber("mail_id").longValue()),
                        b -> b,
                        (a, b) -> a));
    }

    private record Expected(String type, long mailId) {}

    private static long mailId(String subject) {
        return ((Number) Waits.until(
                                Duration.ofSeconds(60),
                                "mail '" + subject + "' stored",
                                () -> db.mailsWithSubject(subject),
                                rows -> !rows.isEmpty())
                        .get(0)
                        .get("id"))
                .longValue();
    }

    private static jakarta.mail.internet.MimeMessage plain(String from, String subject, String text) {
        return Mails.plain(from, subject, text);
    }

    static byte[] withEicar(String from, String subject, String fileName) {
        String boundary = "b-" + UUID.randomUUID();
        String mail = "From: Erika Beispiel <" + from + ">\r\nTo: " + ACCOUNT.mailbox() + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@privat.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nAnbei die Rechnung.\r\n"
                + "--" + boundary + "\r\nContent-Type: application/pdf; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(LocalClamd.EICAR.getBytes(StandardCharsets.US_ASCII))
                + "\r\n--" + boundary + "--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** Computed here, not with the mailer's class: the receiver's side of the contract. */
    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
