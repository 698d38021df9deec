package e2e;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import dev.LocalClamd;
import dev.LocalMailServer;
import it.support.Mails;

/**
 * Mail the harness sends, written byte for byte: one sender per mail (the reply cap is per sender),
 * a Message-ID the replies must name in In-Reply-To, a text each mailer's rules and the stand-in
 * classify alike (a repeat prescription, a delivery question). Every mail sent is remembered, so
 * later checks (isolation, log hygiene) know all of them.
 */
final class Traffic {

    /** Domains of the senders and Message-IDs: the log hygiene check looks for them. */
    static final String PATIENTS = "patient.e2e.example";

    static final String CUSTOMERS = "kunde.e2e.example";
    static final String MESSAGE_IDS = "msgid.e2e.example";
    /** In every body: must never reach a log. */
    static final String BODY_MARKER = "Vertraulich-E2E-Inhalt";

    enum Attachment {
        NONE,
        PDF,
        EICAR
    }

    /**
     * What the mail asks for, so how it is answered: TEMPLATE mail (a repeat prescription, a delivery question) gets
     * its template sent at once; DRAFT mail (an appointment, a product question) gets an AI draft that waits for
     * staff (policy ai-draft), copied to the mailbox's Drafts folder, never sent.
     */
    enum Answer {
        TEMPLATE,
        DRAFT
    }

    /** Subject words of DRAFT mail: the Ollama stand-in ({@link Model}) classifies and drafts by them. */
    static final String APPOINTMENT = "Terminanfrage";

    static final String PRODUCT_QUESTION = "Produktfrage";

    record Sent(Mailer to, String messageId, String subject, String from, Attachment attachment, Answer answer) {

        boolean draft() {
            return answer == Answer.DRAFT;
        }
    }

    private final LocalMailServer server;
    private final List<Sent> all = Collections.synchronizedList(new ArrayList<>());

    Traffic(LocalMailServer server) {
        this.server = server;
    }

    List<Sent> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Sends one mail over SMTP. */
    Sent send(Mailer to, String tag, Attachment attachment) {
        return send(to, tag, attachment, Answer.TEMPLATE);
    }

    /** Sends one mail over SMTP that asks for this kind of answer. */
    Sent send(Mailer to, String tag, Attachment attachment, Answer answer) {
        Sent s = compose(to, tag, attachment, answer);
        Mails.sendRaw(server.smtpPort(), to.account().mailbox(), bytes(s));
        all.add(s);
        return s;
    }

    /**
     * Sends one automatic mail (an out-of-office answer, {@code Auto-Submitted: auto-replied}): RFC 3834
     * says no automatic reply to it. Not part of the ledger (it gets no reply to count).
     */
    void sendAutomatic(Mailer to, String tag) {
        Sent s = compose(to, tag, Attachment.NONE, Answer.TEMPLATE);
        String raw = new String(bytes(s), StandardCharsets.UTF_8)
                .replaceFirst("\r\n\r\n", "\r\nAuto-Submitted: auto-replied\r\n\r\n");
        Mails.sendRaw(server.smtpPort(), to.account().mailbox(), raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Puts one mail straight into the mailbox, as a delivery while our SMTP server is the part that is down. */
    Sent deliver(Mailer to, String tag, Attachment attachment, Answer answer) {
        Sent s = compose(to, tag, attachment, answer);
        try {
            var user = server.user(
                    to.account().mailbox(), to.account().login(), to.account().password());
            server.inbox(user)
                    .appendMessage(
                            new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(s))),
                            new Flags(),
                            null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        all.add(s);
        return s;
    }

    private static Sent compose(Mailer to, String tag, Attachment attachment, Answer answer) {
        String id = UUID.randomUUID().toString().substring(0, 12);
        boolean praxis = "praxis".equals(to.name());
        String from = (praxis ? "patient-" : "kunde-") + id + "@" + (praxis ? PATIENTS : CUSTOMERS);
        String what =
                answer == Answer.DRAFT ? (praxis ? APPOINTMENT : PRODUCT_QUESTION) : (praxis ? "Rezept" : "Lieferung");
        String subject = what + " " + tag + " " + id;
        return new Sent(to, "<" + tag + "-" + id + "@" + MESSAGE_IDS + ">", subject, from, attachment, answer);
    }

    private static byte[] bytes(Sent s) {
        boolean praxis = "praxis".equals(s.to().name());
        String text = (s.draft()
                        ? (praxis
                                ? "Guten Tag,\r\nich möchte gern einen Termin in der nächsten Woche vereinbaren.\r\n"
                                : "Hallo,\r\ngibt es den Rucksack aus Ihrem Shop auch in Blau?\r\n")
                        : (praxis
                                ? "Guten Tag,\r\nich brauche ein Folgerezept, meine Tabletten sind aufgebraucht.\r\n"
                                : "Hallo,\r\nwann kommt meine Lieferung? Das Paket ist noch nicht da.\r\n"))
                + BODY_MARKER + "\r\n";
        String head = "From: " + s.from() + "\r\nTo: " + s.to().account().mailbox() + "\r\nSubject: " + s.subject()
                + "\r\nMessage-ID: " + s.messageId()
                + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
        if (s.attachment() == Attachment.NONE) {
            return (head + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] file = s.attachment() == Attachment.PDF
                ? Mails.pdf(4096, s.messageId().hashCode())
                : LocalClamd.EICAR.getBytes(StandardCharsets.US_ASCII);
        String name = s.attachment() == Attachment.PDF ? "befund.pdf" : "rechnung.pdf";
        String boundary = "b-" + UUID.randomUUID();
        return (head + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                        + text
                        + "--" + boundary + "\r\nContent-Type: application/pdf; name=\"" + name
                        + "\"\r\nContent-Disposition: attachment; filename=\"" + name
                        + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(file) + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
