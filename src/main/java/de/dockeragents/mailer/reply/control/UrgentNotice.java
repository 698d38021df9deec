package de.dockeragents.mailer.reply.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import de.dockeragents.mailer.platform.control.Language;

/**
 * The staff notice that urgent mail waits: how many, which mailer, the staff page's address, and
 * nothing of the mails themselves (no sender, no subject, no text), so it may go to any phone. The
 * words are the profile's own language's ({@code notice.urgent.*} in its language file).
 */
public record UrgentNotice(String mailer, int count, String pageUrl, Language language) {

    public String subject() {
        return fill(language.text("notice.urgent.subject"));
    }

    public String body() {
        return fill(language.text("notice.urgent.body")) + "\n";
    }

    private String fill(String text) {
        return text.replace("{mailer}", mailer)
                .replace("{count}", Integer.toString(count))
                .replace("{page}", pageUrl);
    }

    public MimeMessage message(Session session, String from, String to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject(), "UTF-8");
        m.setText(body(), "UTF-8");
        // RFC 3834: generated, so no out-of-office reply comes back
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        return m;
    }
}
