package de.dockeragents.mailer.inbox.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.spam.control.JunkMarks;
import de.dockeragents.mailer.spam.entity.SpamSignal;

/**
 * Turns what the server sent into rows: parses, derives the de-duplication key, and decides the
 * status. Pure computation, done before the database transaction opens.
 */
public final class IncomingFactory {

    private static final Logger LOG = Logger.getLogger(IncomingFactory.class.getName());

    private final MessageParser parser = new MessageParser();

    public Incoming downloaded(
            String folder, long uidValidity, ImapMailbox.Announced a, byte[] raw, boolean serverAction) {
        String sha = sha256(raw);
        MailMessage m;
        try {
            var fields = parser.parse(raw);
            m = new MailMessage(
                    folder,
                    uidValidity,
                    a.uid(),
                    dedupeKey(a.gmMsgId(), fields.messageId(), sha),
                    MailStatus.STORED,
                    raw.length);
            m.identity(a.gmMsgId(), fields.messageId(), sha);
            m.parsed(fields);
            m.spamHint(JunkMarks.of(a.flags(), a.gmailLabels())
                    .map(SpamSignal::line)
                    .orElse(null));
            if (fields.malformed() != null) {
                // no reason here: a decoder's message may quote the mail's bytes; the row keeps it
                LOG.info(() -> "uid " + a.uid() + " in " + folder + " is malformed MIME; its body was read leniently");
            }
        } catch (ParseFailure e) {
            String messageId = parser.messageIdOf(raw);
            m = new MailMessage(
                    folder,
                    uidValidity,
                    a.uid(),
                    dedupeKey(a.gmMsgId(), messageId, sha),
                    MailStatus.PARSE_ERROR,
                    raw.length);
            m.identity(a.gmMsgId(), messageId, sha);
            m.failed(e.reason());
        }
        m.serverAction(serverAction ? ServerAction.PENDING : ServerAction.NONE);
        return new Incoming(m, raw);
    }

    public Incoming tooLarge(
            String folder, long uidValidity, ImapMailbox.Announced a, byte[] messageIdHeader, long cap) {
        String messageId = messageIdHeader == null ? null : parser.messageIdOf(messageIdHeader);
        // without the content, the size stands in for the hash: the same Message-ID and size is the same mail
        String key = a.gmMsgId() != null
                ? "gm:" + a.gmMsgId()
                : "large:"
                        + sha256(((messageId == null ? "uid:" + uidValidity + ":" + a.uid() : messageId) + "\n"
                                        + a.size())
                                .getBytes(StandardCharsets.UTF_8));
        MailMessage m = new MailMessage(folder, uidValidity, a.uid(), key, MailStatus.TOO_LARGE, a.size());
        m.identity(a.gmMsgId(), messageId, null);
        m.failed("message of " + a.size() + " bytes exceeds mailer.poll.max-message-size=" + cap);
        return new Incoming(m, null);
    }

    /** X-GM-MSGID where the server offers it, else Message-ID and a hash of the content. */
    static String dedupeKey(Long gmMsgId, String messageId, String contentSha256) {
        if (gmMsgId != null) {
            return "gm:" + gmMsgId;
        }
        String id = messageId == null ? "" : messageId;
        return "mid:" + sha256((id + "\n" + contentSha256).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
