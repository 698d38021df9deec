package de.dockeragents.mailer.outbox.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The staff notice that urgent mail waits: how many, which mailer, the staff page's address, and
 * nothing of the mails themselves (no sender, no subject, no text), so it may go to any phone.
 */
public record UrgentNotice(String mailer, int count, String pageUrl) {

    public String subject() {
        return count == 1
                ? "[" + mailer + "] 1 dringende Mail wartet / 1 urgent mail waiting"
                : "[" + mailer + "] " + count + " dringende Mails warten / " + count + " urgent mails waiting";
    }

    public String body() {
        return (count == 1 ? "Im Postfach " + mailer + " wartet 1 dringende Mail."
                : "Im Postfach " + mailer + " warten " + count + " dringende Mails.")
                + "\nBitte auf der Mitarbeiterseite ansehen: " + pageUrl
                + "\n\n" + (count == 1 ? "1 urgent mail is waiting" : count + " urgent mails are waiting")
                + " in the " + mailer + " mailbox.\nPlease open the staff page: " + pageUrl
                + "\n\n-- \nAutomatische Nachricht des Mailers, bitte nicht antworten. / Sent by the mailer, do not reply.\n";
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
