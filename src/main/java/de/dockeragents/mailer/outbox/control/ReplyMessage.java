package de.dockeragents.mailer.outbox.control;

import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import de.dockeragents.mailer.outbox.entity.Outbound;

/**
 * The MIME message of a queued row: plain UTF-8 text, the Message-ID the queue assigned at enqueue
 * (so every attempt is recognisably the same mail, and a Sent folder can be searched for it), the
 * threading headers, and for automatic mail {@code Auto-Submitted: auto-replied} (RFC 3834) plus
 * the header that keeps Exchange's out-of-office from answering it.
 */
public final class ReplyMessage {

    private ReplyMessage() {}

    public static MimeMessage of(Session session, Outbound o, String from) throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, o.messageId());
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(o.recipient(), true));
        m.setSubject(o.subject(), "UTF-8");
        m.setText(o.body(), "UTF-8");
        m.setSentDate(new Date());
        if (o.inReplyTo() != null && !o.inReplyTo().isBlank()) {
            m.setHeader("In-Reply-To", o.inReplyTo());
        }
        if (o.references() != null && !o.references().isBlank()) {
            m.setHeader("References", o.references());
        }
        if (o.autoSubmitted()) {
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-Auto-Response-Suppress", "All");
        }
        m.saveChanges();
        return m;
    }

    /** Jakarta Mail would invent a new Message-ID on every save; ours was fixed at enqueue. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
