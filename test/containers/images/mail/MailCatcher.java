import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The test stack's mail server in Mailpit's place: GreenMail with SMTP on 1025 (Mailpit's port,
 * used by Alertmanager and the mailers' outbox) and IMAP on 1143 (the mailers' mailboxes, in
 * Gmail's place), any login accepted; and the part of Mailpit's HTTP API on 8025 that the
 * operator checks and the container test use: {@code GET /api/v1/messages} (total and a summary
 * per message, plus {@code InReplyTo}, which Mailpit shows only per message),
 * {@code GET /api/v1/message/<ID>/raw}, {@code DELETE /api/v1/messages}, {@code /readyz} and
 * {@code /livez}.
 */
public final class MailCatcher {

    public static void main(String[] args) throws IOException {
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(1025, "0.0.0.0", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(1143, "0.0.0.0", ServerSetup.PROTOCOL_IMAP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();

        HttpServer http = HttpServer.create(new InetSocketAddress(8025), 20);
        http.createContext("/readyz", ex -> answer(ex, 200, "ok"));
        http.createContext("/livez", ex -> answer(ex, 200, "ok"));
        http.createContext("/api/v1/messages", ex -> {
            try {
                if ("DELETE".equals(ex.getRequestMethod())) {
                    mail.purgeEmailFromAllMailboxes();
                    answer(ex, 200, "ok");
                } else {
                    answer(ex, 200, messages(mail.getReceivedMessages()));
                }
            } catch (Exception e) {
                answer(ex, 500, String.valueOf(e));
            }
        });
        // Mailpit's raw message: /api/v1/message/<ID>/raw, the ID as listed
        http.createContext("/api/v1/message/", ex -> {
            try {
                String[] parts = ex.getRequestURI().getPath().split("/");
                MimeMessage found = null;
                if (parts.length == 6 && "raw".equals(parts[5])) {
                    for (MimeMessage m : mail.getReceivedMessages()) {
                        if (id(m).equals(parts[4])) {
                            found = m;
                        }
                    }
                }
                if (found == null) {
                    answer(ex, 404, "not found");
                    return;
                }
                java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                found.writeTo(raw);
                ex.sendResponseHeaders(200, raw.size());
                try (OutputStream out = ex.getResponseBody()) {
                    raw.writeTo(out);
                }
            } catch (Exception e) {
                answer(ex, 500, String.valueOf(e));
            }
        });
        http.start();
        System.out.println("mail catcher: SMTP 1025, IMAP 1143, API 8025");
    }

    private static String messages(MimeMessage[] all) throws MessagingException {
        List<String> items = new ArrayList<>();
        for (MimeMessage m : all) {
            items.add("{\"ID\":\"" + id(m) + "\",\"MessageID\":" + json(m.getMessageID())
                    + ",\"InReplyTo\":" + json(m.getHeader("In-Reply-To", " "))
                    + ",\"From\":" + address(m.getFrom())
                    + ",\"To\":[" + String.join(",", addresses(m.getAllRecipients())) + "]"
                    + ",\"Subject\":" + json(m.getSubject()) + "}");
        }
        return "{\"total\":" + all.length + ",\"count\":" + all.length + ",\"messages\":[" + String.join(",", items) + "]}";
    }

    /**
     * A message's ID in the API: stable across calls (GreenMail lists its mailboxes in no fixed
     * order), from the Message-ID and the recipients (GreenMail keeps a copy per recipient).
     */
    private static String id(MimeMessage m) throws MessagingException {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (m.getMessageID() + "\n" + String.join(",", addresses(m.getAllRecipients()))).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(Address[] from) {
        List<String> list = addresses(from);
        return list.isEmpty() ? "{\"Name\":\"\",\"Address\":\"\"}" : list.get(0);
    }

    private static List<String> addresses(Address[] list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (Address a : list) {
                String mailbox = a instanceof InternetAddress ia ? ia.getAddress() : a.toString();
                String name = a instanceof InternetAddress ia && ia.getPersonal() != null ? ia.getPersonal() : "";
                out.add("{\"Name\":" + json(name) + ",\"Address\":" + json(mailbox) + "}");
            }
        }
        return out;
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
