package de.dockeragents.mailer.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** Builds raw RFC 822 messages with attachments, as a mail client would send them. */
public final class Mails {

    private final List<MimeBodyPart> parts = new ArrayList<>();
    private final Session session = Session.getInstance(new Properties());

    public static Mails with() {
        return new Mails();
    }

    public Mails attachment(String fileName, String contentType, byte[] content) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            if (fileName != null) {
                part.setFileName(fileName);
            }
            part.setHeader("Content-Transfer-Encoding", "base64");
            parts.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A forwarded message as an attachment, base64-encoded as some clients do. */
    public Mails forwarded(byte[] message) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(message, "message/rfc822")));
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            part.setHeader("Content-Transfer-Encoding", "base64");
            parts.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] build() {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("patient@example.org"));
            m.setRecipients(MimeMessage.RecipientType.TO, "praxis@example.org");
            m.setSubject("Befund");
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Guten Tag, anbei die Unterlagen.", "UTF-8");
            mixed.addBodyPart(text);
            for (MimeBodyPart p : parts) {
                mixed.addBodyPart(p);
            }
            m.setContent(mixed);
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
