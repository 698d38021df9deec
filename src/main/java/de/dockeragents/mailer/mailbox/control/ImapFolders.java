package de.dockeragents.mailer.mailbox.control;

import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Short IMAP visits to the mailbox's other folders (Sent, Drafts, labels), on the inbox's connection
 * settings. {@code auto} finds a folder by its RFC 6154 special-use attribute, whatever its
 * localised name (Gmail: "[Gmail]/Gesendet", "[Gmail]/Entwürfe").
 */
public final class ImapFolders {

    /** The folder name that means: look the folder up by its special-use attribute. */
    public static final String AUTO = "auto";

    private ImapFolders() {}

    public static Store connect(ImapSettings s) throws MessagingException {
        String protocol = s.security() == ImapSettings.Security.SSL ? "imaps" : "imap";
        Store store = Session.getInstance(properties(s, protocol)).getStore(protocol);
        try {
            s.login().connect(store, s.host(), s.port(), s.user());
            return store;
        } catch (MessagingException | RuntimeException e) {
            close(store);
            throw e;
        }
    }

    /** {@code name}, or for {@code auto} the folder marked {@code specialUse} (e.g. "\\Sent"); null if there is none. */
    public static Folder find(Store store, String name, String specialUse) throws MessagingException {
        if (!AUTO.equalsIgnoreCase(name)) {
            Folder f = store.getFolder(name);
            return f.exists() ? f : null;
        }
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f instanceof IMAPFolder i && Arrays.stream(i.getAttributes()).anyMatch(specialUse::equalsIgnoreCase)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Removes the messages with this Message-ID from an open, writable folder: flagged
     * {@code \\Deleted} and expunged by UID (UIDPLUS) one by one, so nothing a person marked deleted in
     * that folder goes with them. False when there were none.
     */
    public static boolean removeByMessageId(Folder open, String messageId) throws MessagingException {
        Message[] hits = open.search(new MessageIDTerm(messageId));
        if (hits.length == 0) {
            return false;
        }
        open.setFlags(hits, new Flags(Flags.Flag.DELETED), true);
        ((IMAPFolder) open).expunge(hits);
        return true;
    }

    public static void close(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException e) {
                // nothing to save
            }
        }
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
        s.login().configure(p, prefix);
        return p;
    }
}
