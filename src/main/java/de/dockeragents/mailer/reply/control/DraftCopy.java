package de.dockeragents.mailer.reply.control;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import de.dockeragents.mailer.outbox.control.ReplyMessage;
import de.dockeragents.mailer.outbox.entity.Outbound;

/**
 * A draft as staff read it in the mailbox's Drafts folder: the very message the outbox would send after
 * approval (our From, the recipient code chose, the threading headers and the Message-ID of the queue's
 * row), flagged {@code \Draft} and seen.
 */
final class DraftCopy {

    private static final Session BUILD = Session.getInstance(new Properties());

    private DraftCopy() {}

    static MimeMessage message(ReplyStore.Draft d, String from) throws MessagingException {
        MimeMessage m = ReplyMessage.of(
                BUILD,
                new Outbound(
                        d.id(),
                        d.recipient(),
                        subject(d),
                        d.body(),
                        d.messageId(),
                        d.inReplyTo(),
                        d.references(),
                        false,
                        0,
                        false),
                from);
        m.setFlags(new Flags(Flags.Flag.DRAFT), true);
        m.setFlag(Flags.Flag.SEEN, true);
        return m;
    }

    /**
     * "Re: " and the original's subject: Gmail files a message into a conversation only when the
     * subject matches as well as the threading headers. Without an original subject, the row's.
     */
    static String subject(ReplyStore.Draft d) {
        String original = d.originalSubject() == null
                ? ""
                : d.originalSubject().replaceAll("[\\r\\n\\t]+", " ").strip();
        if (original.isEmpty()) {
            return d.subject();
        }
        return original.regionMatches(true, 0, "Re:", 0, 3) ? original : "Re: " + original;
    }
}
