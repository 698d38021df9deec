package de.dockeragents.mailer.outbox.control;

import java.util.Arrays;
import java.util.Properties;

import org.eclipse.angus.mail.imap.IMAPFolder;

import de.dockeragents.mailer.inbox.control.ImapSettings;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

/**
 * Asks the mailbox's Sent folder whether a mail with this Message-ID left. Gmail files every mail
 * its SMTP server accepts from an authenticated user in the Sent folder before it answers 250, so a
 * mail found there left, and a mail missing there (minutes later) never did. {@code auto} finds the
 * folder by its RFC 6154 {@code \Sent} attribute, whatever its localised name ("[Gmail]/Gesendet").
 */
public final class SentFolder {

    /** What the folder says. */
    public enum Answer {
        FOUND, ABSENT, NO_FOLDER, ERROR
    }

    private final ImapSettings imap;
    private final String name;

    public SentFolder(ImapSettings imap, String name) {
        this.imap = imap;
        this.name = name;
    }

    public Answer holds(String messageId) {
        if (imap == null || OutboxSettings.SENT_NONE.equalsIgnoreCase(name)) {
            return Answer.NO_FOLDER;
        }
        String protocol = imap.security() == ImapSettings.Security.SSL ? "imaps" : "imap";
        Store store = null;
        try {
            store = Session.getInstance(properties(imap, protocol)).getStore(protocol);
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            Folder folder = OutboxSettings.SENT_AUTO.equalsIgnoreCase(name) ? special(store) : store.getFolder(name);
            if (folder == null || !folder.exists()) {
                return Answer.NO_FOLDER;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.search(new MessageIDTerm(messageId)).length > 0 ? Answer.FOUND : Answer.ABSENT;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return Answer.ERROR;
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException e) {
                    // nothing to save
                }
            }
        }
    }

    private static Folder special(Store store) throws MessagingException {
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f instanceof IMAPFolder i && Arrays.stream(i.getAttributes()).anyMatch("\\Sent"::equalsIgnoreCase)) {
                return f;
            }
        }
        return null;
    }

    private static Properties properties(ImapSettings s, String protocol) {
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(s.timeout().toMillis());
        Properties p = new Properties();
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        if (s.security() == ImapSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (s.security() != ImapSettings.Security.PLAIN) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }
}
