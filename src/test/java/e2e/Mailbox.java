package e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import dev.LocalMailServer;
import dev.MailerAccount;

/**
 * One mailer's mailbox read over IMAP, as staff's mail client sees it (not GreenMail's objects): which
 * folders there are, and per folder how many messages carry each Message-ID or answer it (In-Reply-To),
 * and which keywords each message carries. Read-only: folders are opened with EXAMINE.
 */
final class Mailbox implements AutoCloseable {

    private final Store store;

    private Mailbox(Store store) {
        this.store = store;
    }

    static Mailbox open(LocalMailServer server, MailerAccount account) {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "5000");
        p.setProperty("mail.imap.timeout", "30000");
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect("127.0.0.1", server.imapPort(), account.login(), account.password());
            return new Mailbox(store);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot log in to " + account.profile() + "'s mailbox", e);
        }
    }

    char separator() throws MessagingException {
        return store.getDefaultFolder().getSeparator();
    }

    /** Every folder below {@code root} (at any depth), by full name; empty when there is no such folder. */
    List<String> below(String root) throws MessagingException {
        Folder f = store.getFolder(root);
        List<String> names = new ArrayList<>();
        if (f.exists()) {
            for (Folder child : f.list("*")) {
                names.add(child.getFullName());
            }
        }
        return names;
    }

    /** How many messages of the folder carry each Message-ID. */
    Map<String, Integer> byMessageId(String folder) throws MessagingException {
        return countHeader(folder, "Message-ID");
    }

    /** How many messages of the folder answer each Message-ID (their In-Reply-To). */
    Map<String, Integer> byInReplyTo(String folder) throws MessagingException {
        return countHeader(folder, "In-Reply-To");
    }

    /** The keywords (IMAP user flags) of each message of the folder, by Message-ID. */
    Map<String, Set<String>> keywords(String folder) throws MessagingException {
        Map<String, Set<String>> keywords = new HashMap<>();
        read(folder, "Message-ID", true, (m, id) -> {
            if (id != null) {
                keywords.computeIfAbsent(id, k -> new HashSet<>())
                        .addAll(List.of(m.getFlags().getUserFlags()));
            }
        });
        return keywords;
    }

    private Map<String, Integer> countHeader(String folder, String header) throws MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        read(folder, header, false, (m, value) -> {
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        });
        return counts;
    }

    private interface Visit {
        void message(Message m, String header) throws MessagingException;
    }

    /** Fetches one header (and the flags) of all messages at once, then visits each. */
    private void read(String name, String header, boolean flags, Visit visit) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists() || (f.getType() & Folder.HOLDS_MESSAGES) == 0) {
            return;
        }
        f.open(Folder.READ_ONLY);
        try {
            Message[] all = f.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(header);
            if (flags) {
                fp.add(FetchProfile.Item.FLAGS);
            }
            f.fetch(all, fp);
            for (Message m : all) {
                String[] h = m.getHeader(header);
                visit.message(m, h == null || h.length == 0 ? null : h[0].strip());
            }
        } finally {
            f.close(false);
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (MessagingException e) {
            // the session ends anyway
        }
    }
}
