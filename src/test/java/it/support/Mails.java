package it.support;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Test mail: built with Jakarta Mail, or written byte for byte, and delivered over real SMTP. */
public final class Mails {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {}

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new message from this sender to the dev mailbox, with this subject. */
    private static MimeMessage addressed(String from, String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, dev.DevStack.MAILBOX);
        m.setSubject(subject, "UTF-8");
        return m;
    }

    public static MimeMessage plain(String from, String subject, String text) {
        try {
            MimeMessage m = addressed(from, subject);
            m.setText(text, "UTF-8");
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MimeMessage withAttachments(
            String from, String subject, String text, int attachments, int attachmentBytes) {
        try {
            MimeMessage m = addressed(from, subject);
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (int i = 0; i < attachments; i++) {
                MimeBodyPart a = new MimeBodyPart();
                byte[] content = new byte[attachmentBytes];
                new java.util.Random(i).nextBytes(content);
                a.setContent(content, "application/pdf");
                a.setFileName("befund-" + i + ".pdf");
                a.setDisposition(MimeBodyPart.ATTACHMENT);
                a.setHeader("Content-Transfer-Encoding", "base64");
                mixed.addBodyPart(a);
            }
            m.setContent(mixed);
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MimeMessage html(String from, String subject, String html) {
        try {
            MimeMessage m = addressed(from, subject);
            m.setContent(html, "text/html; charset=UTF-8");
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail with one attachment that is a real (minimal) PDF, so type checks accept it. */
    public static MimeMessage withPdf(String from, String subject, String text, int size, long seed) {
        try {
            MimeMessage m = addressed(from, subject);
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            MimeBodyPart a = new MimeBodyPart();
            a.setContent(pdf(size, seed), "application/pdf");
            a.setFileName("dokument.pdf");
            a.setDisposition(MimeBodyPart.ATTACHMENT);
            a.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(a);
            m.setContent(mixed);
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pdf(int size, long seed) {
        StringBuilder s = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ");
        java.util.Random r = new java.util.Random(seed);
        while (s.length() < size - 16) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        s.append("\n%%EOF\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] bytes(MimeMessage m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void send(int smtpPort, MimeMessage m) {
        sendRaw(smtpPort, bytes(m));
    }

    /** A plain SMTP dialogue, so the server receives exactly these bytes, broken or not. */
    public static void sendRaw(int smtpPort, byte[] message) {
        sendRaw(smtpPort, dev.DevStack.MAILBOX, message);
    }

    /** As {@link #sendRaw(int, byte[])}, to another mailbox of the same server. */
    public static void sendRaw(int smtpPort, String recipient, byte[] message) {
        try (Socket s = new Socket("127.0.0.1", smtpPort)) {
            s.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO test.local", "250");
            command(out, in, "MAIL FROM:<sender@test.local>", "250");
            command(out, in, "RCPT TO:<" + recipient + ">", "250");
            command(out, in, "DATA", "354");
            out.write(dotStuff(message));
            out.write("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dotStuff(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n")
                .replace("\n", "\r\n");
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        text = text.replace("\r\n.", "\r\n..");
        if (text.startsWith(".")) {
            text = "." + text;
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP: expected " + code + " but got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
