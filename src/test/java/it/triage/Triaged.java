package it.triage;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.DevStack;
import dev.OllamaStandIn;
import dev.Waits;
import it.support.Db;
import it.support.Mails;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Mail sent into the running praxis mailer and what triage and replies made of it, read from its database. */
final class Triaged {

    /** The praxis profile's enums, from its data file: what any classification must stay within. */
    static final Set<String> CATEGORIES;
    static final Set<String> PRIORITIES;

    static {
        try (InputStream in = Triaged.class.getClassLoader().getResourceAsStream("profiles/praxis/triage.json")) {
            JsonObject o = Json.createReader(in).readObject();
            CATEGORIES = o.getJsonArray("categories").stream().map(v -> v.asJsonObject().getString("name"))
                    .collect(Collectors.toUnmodifiableSet());
            PRIORITIES = o.getJsonArray("priorities").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).collect(Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final DevStack stack;
    private final Db db;

    Triaged(DevStack stack) {
        this.stack = stack;
        this.db = new Db(stack);
    }

    Db db() {
        return db;
    }

    static String sender(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@patient.example";
    }

    /** Sends a plain mail over SMTP; {@code extraHeaders} are written as given (CRLF-terminated lines). */
    void send(String from, String subject, String body, String extraHeaders) {
        String raw = "From: " + from + "\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@patient.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body.replace("\n", "\r\n") + "\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), raw.getBytes(StandardCharsets.UTF_8));
    }

    void send(String from, String subject, String body) {
        send(from, subject, body, "");
    }

    Long mailId(String subject) {
        List<Map<String, Object>> rows = db.rows("select id from mail_message where subject = ?", subject);
        return rows.isEmpty() ? null : ((Number) rows.get(0).get("id")).longValue();
    }

    Map<String, Object> classification(String subject) {
        List<Map<String, Object>> rows = db.rows("select c.* from classification c join mail_message m on m.id = c.mail_id"
                + " where m.subject = ?", subject);
        return rows.isEmpty() ? null : rows.get(0);
    }

    Map<String, Object> awaitClassification(String subject, Duration within) {
        return Waits.until(within, "mail '" + subject + "' is classified", () -> classification(subject), r -> r != null);
    }

    List<Map<String, Object>> replies(String subject) {
        return db.rows("select o.* from outbound_mail o join mail_message m on m.id = o.mail_id where m.subject = ?", subject);
    }

    /** Rules verdicts the re-classification would ask the model about again. */
    long reclassifiable() {
        return db.count("select count(*) from classification where classified_by = 'rules' and ai_outcome <> 'off_schema'");
    }

    /** Back to a healthy model, and every rules verdict re-asked, so no earlier request is still on its way. */
    void healthyAndSettled(OllamaStandIn ollama) {
        reset(ollama);
        Waits.until(Duration.ofSeconds(120), "earlier rules verdicts re-classified", () -> reclassifiable() == 0);
    }

    static void reset(OllamaStandIn ollama) {
        ollama.mode(OllamaStandIn.Mode.OK).answer(OllamaStandIn.DEFAULT_ANSWER).latency(Duration.ZERO).status(500)
                .failNext(0).slots(0);
    }
}
