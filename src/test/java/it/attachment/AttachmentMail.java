package it.attachment;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeUtility;

import dev.DevStack;

/**
 * A mail with attachments written byte for byte, so a test controls exactly what a stranger could
 * send: any file name (RFC 2231 encoded, control characters and all), any declared type, any bytes.
 */
final class AttachmentMail {

    private record Part(String fileName, String declaredType, byte[] content) {}

    private final String subject;
    private final List<Part> parts = new ArrayList<>();

    AttachmentMail(String subject) {
        this.subject = subject;
    }

    AttachmentMail attach(String fileName, String declaredType, byte[] content) {
        parts.add(new Part(fileName, declaredType, content));
        return this;
    }

    byte[] bytes() {
        String boundary = "b-" + UUID.randomUUID();
        StringBuilder m = new StringBuilder();
        m.append("From: Erika Beispiel <erika@patient.example>\r\n")
                .append("To: ")
                .append(DevStack.MAILBOX)
                .append("\r\n")
                .append("Subject: ")
                .append(encoded(subject))
                .append("\r\n")
                .append("Message-ID: <")
                .append(UUID.randomUUID())
                .append("@patient.example>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"")
                .append(boundary)
                .append("\"\r\n\r\n")
                .append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append("Guten Tag,\r\nanbei die Unterlagen.\r\n");
        for (Part p : parts) {
            String name = rfc2231(p.fileName());
            m.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Type: ")
                    .append(p.declaredType())
                    .append("; name*=")
                    .append(name)
                    .append("\r\n")
                    .append("Content-Disposition: attachment; filename*=")
                    .append(name)
                    .append("\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(p.content()))
                    .append("\r\n");
        }
        m.append("--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String encoded(String text) {
        try {
            return MimeUtility.encodeText(text, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code UTF-8''percent-encoded}: the only way a header can carry control characters and slashes intact. */
    private static String rfc2231(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return "UTF-8''" + out.toString(StandardCharsets.US_ASCII);
    }
}
