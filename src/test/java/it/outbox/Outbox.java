package it.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import it.support.Db;

/** The outbound queue and the mail server as the tests see them: rows by SQL, delivered mail per recipient. */
final class Outbox {

    private final DevStack stack;
    private final Db db;

    Outbox(DevStack stack) {
        this.stack = stack;
        this.db = new Db(stack);
    }

    static String messageId(String tag) {
        return "<" + tag.replaceAll("[^A-Za-z0-9-]", "-") + "-" + UUID.randomUUID() + "@mailer.test>";
    }

    /** Queues a mail as the reply planner would (template_auto), in the given state; SENDING rows with an expired lease. */
    long insert(String status, String recipient, String subject, String messageId, int attempts) {
        return insert("template_auto", status, recipient, subject, messageId, attempts);
    }

    long insert(String kind, String status, String recipient, String subject, String messageId, int attempts) {
        try (Connection c = stack.postgres().connect(DevStack.DB_NAME, DevStack.DB_USER, DevStack.DB_PASSWORD);
                PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_mail (id, kind, status, recipient,"
                        + " recipient_key, subject, body, language, message_id, in_reply_to, references_hdr,"
                        + " auto_submitted, attempts, lease_until)"
                        + " VALUES (nextval('outbound_mail_seq'), ?, ?, ?,"
                        + " encode(sha256(convert_to(lower(?), 'UTF8')), 'hex'), ?, ?, 'de', ?, ?, ?, ?, ?,"
                        + " CASE WHEN ? = 'SENDING' THEN now() - interval '1 minute' END) RETURNING id")) {
            int i = 0;
            ps.setString(++i, kind);
            ps.setString(++i, status);
            ps.setString(++i, recipient);
            ps.setString(++i, recipient);
            ps.setString(++i, subject);
            ps.setString(++i, "Guten Tag,\nTestnachricht " + subject + ".\n");
            ps.setString(++i, messageId);
            ps.setString(++i, "<original-" + UUID.randomUUID() + "@patient.example>");
            ps.setString(++i, "<older@patient.example>");
            ps.setBoolean(++i, "template_auto".equals(kind));
            ps.setInt(++i, attempts);
            ps.setString(++i, status);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> row(long id) {
        return db.rows("select * from outbound_mail where id = ?", id).get(0);
    }

    List<Map<String, Object>> rowsTo(String recipient) {
        return db.rows("select * from outbound_mail where recipient = ? order by id", recipient);
    }

    String status(long id) {
        return (String) row(id).get("status");
    }

    /** What the mail server delivered to this address (GreenMail creates a mailbox per recipient). */
    List<StoredMessage> delivered(String recipient) {
        GreenMailUser user = stack.mail().managers().getUserManager().getUserByEmail(recipient);
        return user == null ? List.of() : stack.mail().inbox(user).getMessages();
    }

    /** Copies in our mailbox's Sent folder with this Message-ID (filed by the SMTP server on acceptance). */
    long inSentFolder(String messageId) {
        var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
        return stack.mail().sent(user).getMessages().stream()
                .filter(m -> messageId.equals(header(m, "Message-ID")))
                .count();
    }

    static String header(StoredMessage m, String name) {
        try {
            String[] v = m.getMimeMessage().getHeader(name);
            return v == null ? null : v[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
