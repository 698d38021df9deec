package it.outbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import dev.DevStack;

/** A patient's mail to the practice, byte for byte, with the threading headers a reply must continue. */
record Inbound(String from, String subject, String messageId, String references, String body) {

    /** Dangerous symptoms: the safety rules make it an emergency, answered at once with the fixed template. */
    static Inbound emergency(String tag) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Inbound(
                "patient-" + id + "@patient.example",
                tag + " " + id,
                "<m-" + id + "@patient.example>",
                "<earlier-" + id + "@patient.example>",
                "Guten Tag,\r\nich habe seit einer Stunde starke Brustschmerzen und Atemnot.\r\n");
    }

    byte[] bytes() {
        return ("From: Pat Ient <" + from + ">\r\nTo: " + DevStack.MAILBOX + "\r\nSubject: " + subject
                        + "\r\nMessage-ID: " + messageId + "\r\nReferences: " + references + "\r\nIn-Reply-To: "
                        + references
                        + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Straight into the mailbox, without SMTP: for tests that have stopped the SMTP server. */
    void appendTo(DevStack stack) {
        try {
            var user = stack.mail().user(DevStack.MAILBOX, DevStack.LOGIN, DevStack.PASSWORD);
            stack.mail()
                    .inbox(user)
                    .appendMessage(
                            new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes())),
                            new Flags(),
                            null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
