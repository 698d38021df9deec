package it.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.DevStack;
import dev.OllamaStandIn;
import dev.Waits;

/** Mail sent into the running praxis mailer and what triage and replies made of it, read from its database. */
public final class Triaged {

    /** The praxis profile's categories (from its data file) and the priorities: what any classification must stay within. */
    public static final Set<String> CATEGORIES;

    public static final Set<String> PRIORITIES;

    static {
        try (InputStream in = Triaged.class.getClassLoader().getResourceAsStream("profiles/praxis/triage.json")) {
            JsonObject o = Json.createReader(in).readObject();
            CATEGORIES = o.getJsonArray("categories").stream()
                    .map(v -> v.asJsonObject().getString("name"))
                    .collect(Collectors.toUnmodifiableSet());
            PRIORITIES = Set.copyOf(de.dockeragents.mailer.triage.entity.Priority.wires());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final DevStack stack;
    private final Db db;

    public Triaged(DevStack stack) {
        this.stack = stack;
        this.db = new Db(stack);
    }

    public Db db() {
        return db;
    }

    public static String sender(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@patient.example";
    }

    /** Sends a plain mail over SMTP; {@code extraHeaders} are written as given (CRLF-terminated lines). */
    public void send(String from, String subject, String body, String extraHeaders) {
        String raw = "From: " + from + "\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@patient.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body.replace("\n", "\r\n") + "\r\n";
        Mails.sendRaw(stack.mail().smtpPort(), raw.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String from, String subject, String body) {
        send(from, subject, body, "");
    }

    /**
     * A mail as a crash between classification and reply planning leaves it: stored and classified
     * ten minutes ago, no reply decision, no outbound row. Written straight into the database, so
     * triage never sees it unclassified. Returns the mail's Message-ID.
     */
    public String lostPlan(String from, String subject, String body, String category, String priority) {
        String messageId = "<lost-" + UUID.randomUUID() + "@patient.example>";
        String headers = "From: " + from + "\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8";
        try (java.sql.Connection c =
                stack.postgres().connect(DevStack.DB_NAME, DevStack.DB_USER, DevStack.DB_PASSWORD)) {
            c.setAutoCommit(false);
            long id;
            try (var ps = c.prepareStatement(
                    "INSERT INTO mail_message (id, folder, uid_validity, uid, dedupe_key, status,"
                            + " from_addr, subject, text_body, message_id, size_bytes) VALUES (nextval('mail_message_seq'),"
                            + " 'Test/Lost', 1, currval('mail_message_seq'), md5(random()::text), 'STORED', ?, ?, ?, ?, 100) RETURNING id")) {
                ps.setString(1, from);
                ps.setString(2, subject);
                ps.setString(3, body);
                ps.setString(4, messageId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO mail_raw (mail_id, raw) VALUES (?, ?)")) {
                ps.setLong(1, id);
                ps.setBytes(2, (headers + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            try (var ps =
                    c.prepareStatement("INSERT INTO classification (mail_id, category, priority, language, summary,"
                            + " needs_reply, confidence, classified_by, ai_outcome, duration_ms, created_at, updated_at)"
                            + " VALUES (?, ?, ?, 'de', 'Testfall', true, 1, 'rules', 'disabled', 1,"
                            + " now() - interval '10 minutes', now() - interval '10 minutes')")) {
                ps.setLong(1, id);
                ps.setString(2, category);
                ps.setString(3, priority);
                ps.executeUpdate();
            }
            // the reply plan is written with the classification; its decision is what the crash lost
            try (var ps = c.prepareStatement(
                    "INSERT INTO reply_plan (mail_id, created_at)" + " VALUES (?, now() - interval '10 minutes')")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return messageId;
    }

    public Long mailId(String subject) {
        List<Map<String, Object>> rows = db.rows("select id from mail_message where subject = ?", subject);
        return rows.isEmpty() ? null : ((Number) rows.get(0).get("id")).longValue();
    }

    public Map<String, Object> classification(String subject) {
        List<Map<String, Object>> rows = db.rows(
                "select c.*, p.planned_at as reply_planned_at,"
                        + " p.lease_until as reply_lease_until, p.outcome as reply_outcome, p.reasons as reply_reasons"
                        + " from classification c join mail_message m on m.id = c.mail_id"
                        + " left join reply_plan p on p.mail_id = c.mail_id"
                        + " where m.subject = ?",
                subject);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public Map<String, Object> awaitClassification(String subject, Duration within) {
        return Waits.until(
                within, "mail '" + subject + "' is classified", () -> classification(subject), r -> r != null);
    }

    public List<Map<String, Object>> replies(String subject) {
        return replies(db, subject);
    }

    /** A mail's queue rows with their Drafts-folder copy, in any mailer's database. */
    public static List<Map<String, Object>> replies(Db db, String subject) {
        return db.rows(
                "select o.*, d.appended_at as drafts_appended_at, d.attempts as drafts_attempts,"
                        + " d.removed_at as drafts_removed_at from outbound_mail o join mail_message m on m.id = o.mail_id"
                        + " left join draft_copy d on d.outbound_id = o.id where m.subject = ?",
                subject);
    }

    /** Rules verdicts the re-classification would ask the model about again. */
    public long reclassifiable() {
        return db.count("select count(*) from classification where classified_by = 'rules'"
                + " and ai_outcome not in ('off_schema', 'safety')");
    }

    /** Back to a healthy model, and every rules verdict re-asked, so no earlier request is still on its way. */
    public void healthyAndSettled(OllamaStandIn ollama) {
        reset(ollama);
        Waits.until(Duration.ofSeconds(120), "earlier rules verdicts re-classified", () -> reclassifiable() == 0);
    }

    public static void reset(OllamaStandIn ollama) {
        ollama.mode(OllamaStandIn.Mode.OK)
                .answer(OllamaStandIn.DEFAULT_ANSWER)
                .latency(Duration.ZERO)
                .status(500)
                .failNext(0)
                .slots(0);
    }
}
