package de.dockeragents.mailer.inbox.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.apache.james.mime4j.MimeException;

import de.dockeragents.mailer.inbox.entity.ParsedFields;
import de.dockeragents.mailer.spam.control.Links;
import de.dockeragents.mailer.spam.entity.SpamSignal;

/**
 * Reads the fields we keep out of a raw RFC 822 message. First strictly, with Jakarta Mail: lenient
 * where mail in the wild is sloppy (addresses, dates, raw 8-bit bytes in headers), strict where
 * content would be lost. A body that reading refuses (a missing start boundary, broken base64, an unknown
 * charset or transfer encoding) is read a second time by {@link LenientBodies}, and the fields say
 * why ({@link ParsedFields#malformed()}). Only a message that reading refuses too, or in which it
 * finds nothing a person could read, is a {@link ParseFailure}, stored raw.
 */
public final class MessageParser {

    /** Text columns are capped: a multi-megabyte text part is kept whole in the raw message. */
    static final int MAX_TEXT_CHARS = 1_000_000;

    private final Session session;

    public MessageParser() {
        Properties p = new Properties();
        // decode errors must surface, not be papered over with replacement bytes
        p.setProperty("mail.mime.base64.ignoreerrors", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(p);
    }

    public ParsedFields parse(byte[] raw) throws ParseFailure {
        try {
            // a shared stream: the message refers to the raw bytes instead of copying its content
            MimeMessage m = new MimeMessage(session, new SharedByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            Exception refused = null;
            try {
                walk(m, bodies, 0);
            } catch (MessagingException | IOException | RuntimeException strict) {
                refused = strict;
                bodies = leniently(raw, strict);
            }
            ParsedFields fields = fields(m, bodies, refused == null ? null : new ParseFailure(refused).reason());
            if (refused != null
                    && (fields.subject() == null || fields.subject().isBlank())
                    && !bodies.hasText()
                    && bodies.attachments == 0) {
                throw new ParseFailure(refused, "nothing readable");
            }
            return fields;
        } catch (MessagingException | RuntimeException e) {
            throw new ParseFailure(e);
        }
    }

    private static Bodies leniently(byte[] raw, Exception strict) throws ParseFailure {
        try {
            return LenientBodies.read(raw);
        } catch (IOException | MimeException | RuntimeException e) {
            throw new ParseFailure(strict, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static ParsedFields fields(MimeMessage m, Bodies bodies, String malformed) throws MessagingException {
        return new ParsedFields(
                Texts.clean(m.getMessageID()),
                addresses(m, "From"),
                addresses(m, "Reply-To"),
                addresses(m, "To"),
                addresses(m, "Cc"),
                Texts.clean(subject(m)),
                time(m.getSentDate()),
                Texts.cap(Texts.lines(Texts.clean(Texts.nullIfBlank(bodies.text))), MAX_TEXT_CHARS),
                Texts.cap(Texts.clean(bodies.html == null ? null : HtmlText.render(bodies.html)), MAX_TEXT_CHARS),
                header(m, "In-Reply-To"),
                header(m, "References"),
                header(m, "Auto-Submitted"),
                header(m, "Precedence"),
                header(m, "List-Id"),
                m.getHeader("List-Unsubscribe") != null,
                bodies.attachments,
                // links are judged here, where the HTML part is at hand, and stored with the mail
                Texts.clean(SpamSignal.lines(Links.check(bodies.html))),
                malformed);
    }

    /** Message-ID only, for messages we will not download whole. */
    public String messageIdOf(byte[] headers) {
        try {
            return Texts.clean(new MimeMessage(session, new ByteArrayInputStream(headers)).getMessageID());
        } catch (MessagingException e) {
            return null;
        }
    }

    private static final int MAX_DEPTH = 20;

    private static void walk(Part part, Bodies bodies, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new MessagingException("MIME nesting deeper than " + MAX_DEPTH);
        }
        if (isAttachment(part)) {
            bodies.attachments++;
            drain(part);
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("multipart without parts");
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, bodies, depth + 1);
            }
        } else if (part.isMimeType("message/rfc822")) {
            bodies.attachments++;
            drain(part);
        } else if (part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = text(part);
        } else if (part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = text(part);
        } else {
            // other inline parts (calendar, images without a name): decode them to prove they are readable
            drain(part);
        }
    }

    /** A text part's content; one whose type cannot be parsed comes back as a stream, which is no text. */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        throw new MessagingException("text part of unreadable type " + part.getContentType());
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        String disposition = part.getDisposition();
        return Part.ATTACHMENT.equalsIgnoreCase(disposition)
                || (part.getFileName() != null && !part.isMimeType("multipart/*"));
    }

    /** Reads a part to its end so a broken transfer encoding is found now, not by the next reader. */
    private static void drain(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static String subject(MimeMessage m) throws MessagingException {
        String raw = Charsets.header(m.getHeader("Subject", null));
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (IOException e) {
            return raw;
        }
    }

    private static String addresses(Message m, String name) throws MessagingException {
        String raw = Charsets.header(((MimeMessage) m).getHeader(name, ","));
        if (raw == null) {
            return null;
        }
        try {
            Address[] parsed = InternetAddress.parseHeader(raw, false);
            StringBuilder out = new StringBuilder();
            for (Address a : parsed) {
                if (!out.isEmpty()) {
                    out.append(", ");
                }
                out.append(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
            }
            return Texts.clean(out.toString());
        } catch (MessagingException e) {
            // an address header we cannot parse is kept as written
            return Texts.clean(decode(raw));
        }
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        return Texts.clean(Charsets.header(m.getHeader(name, " ")));
    }

    private static String decode(String raw) {
        try {
            return MimeUtility.decodeText(raw);
        } catch (IOException e) {
            return raw;
        }
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
