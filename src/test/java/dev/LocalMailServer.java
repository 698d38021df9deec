package dev;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real IMAP and SMTP server (GreenMail) on loopback ports. The mailboxes live apart from the
 * servers, so IMAP can be stopped and started again with its mail intact, as a real outage.
 */
public final class LocalMailServer implements AutoCloseable {

    /** Where mail sent by one of our users is filed, as Gmail files it: before SMTP says 250. */
    public static final String SENT = "Sent";
    /** Where the mailer may put drafts for staff to review (mailer.reply.drafts-folder). */
    public static final String DRAFTS = "Drafts";

    private final Managers managers = new GmailLikeManagers();
    private final int imapPort;
    private final int smtpPort;
    private AbstractServer imap;
    private SmtpServer smtp;

    public LocalMailServer(int imapPort, int smtpPort) {
        this.imapPort = imapPort;
        this.smtpPort = smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public synchronized void start() {
        startImap();
        startSmtp();
    }

    public synchronized void startSmtp() {
        if (smtp == null) {
            smtp = new SmtpServer(setup(smtpPort, "smtp"), managers);
            run(smtp);
        }
    }

    /** An SMTP outage: connections are refused until {@link #startSmtp()}; the mailboxes stay. */
    public synchronized void stopSmtp() {
        if (smtp != null) {
            smtp.stopService();
            smtp = null;
        }
    }

    public synchronized void startImap() {
        if (imap == null) {
            imap = new NoDelayImapServer(setup(imapPort, "imap"), managers);
            run(imap);
        }
    }

    public synchronized void stopImap() {
        if (imap != null) {
            imap.stopService();
            imap = null;
        }
    }

    public GreenMailUser user(String email, String login, String password) {
        try {
            GreenMailUser existing = managers.getUserManager().getUser(login);
            if (existing != null) {
                return existing;
            }
            GreenMailUser user = managers.getUserManager().createUser(email, login, password);
            managers.getImapHostManager().createMailbox(user, SENT);
            managers.getImapHostManager().createMailbox(user, DRAFTS);
            return user;
        } catch (UserException | FolderException | AuthorizationException e) {
            throw new IllegalStateException(e);
        }
    }

    public MailFolder inbox(GreenMailUser user) {
        try {
            return managers.getImapHostManager().getInbox(user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new INBOX, hence a new UIDVALIDITY (the caller appends the messages again). The account's
     * other folders (Sent, Drafts) come back with their messages, as on a server that only lost
     * the INBOX's UIDs.
     */
    public MailFolder recreateInbox(GreenMailUser user) {
        try {
            var host = managers.getImapHostManager();
            Map<String, List<StoredMessage>> kept = new LinkedHashMap<>();
            for (String name : List.of(SENT, DRAFTS)) {
                MailFolder folder = host.getFolder(user, name);
                kept.put(name, folder == null ? List.of() : List.copyOf(folder.getMessages()));
            }
            deleteAccount(host, user);
            host.createPrivateMailAccount(user);
            for (var e : kept.entrySet()) {
                MailFolder folder = host.createMailbox(user, e.getKey());
                for (StoredMessage m : e.getValue()) {
                    folder.appendMessage(m.getMimeMessage(), m.getFlags(), m.getReceivedDate());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return inbox(user);
    }

    /**
     * Deletes the account with all its folders. The mailer under test may be copying a mail into a
     * label folder at that moment, which GreenMail then refuses to delete ("non-empty mailbox"); the
     * next attempt lists the folders again and deletes what is left.
     */
    private static void deleteAccount(ImapHostManager host, GreenMailUser user) {
        Waits.until(Duration.ofSeconds(10), "the test account deleted", () -> {
            try {
                host.deletePrivateMailAccount(user);
                return true;
            } catch (IllegalStateException e) {
                return false;
            }
        });
    }

    public Managers managers() {
        return managers;
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup s = new ServerSetup(port, "127.0.0.1", protocol);
        s.setServerStartupTimeout(10_000);
        return s;
    }

    private static void run(AbstractServer server) {
        server.startService();
        try {
            if (!server.waitTillRunning(10_000)) {
                throw new IllegalStateException(
                        server.getProtocol() + " server did not start on port " + server.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<AbstractServer> servers() {
        return java.util.stream.Stream.of(imap, smtp)
                .filter(java.util.Objects::nonNull)
                .map(AbstractServer.class::cast)
                .toList();
    }

    public MailFolder sent(GreenMailUser user) {
        return managers.getImapHostManager().getFolder(user, SENT);
    }

    public MailFolder drafts(GreenMailUser user) {
        return managers.getImapHostManager().getFolder(user, DRAFTS);
    }

    @Override
    public synchronized void close() {
        stopImap();
        stopSmtp();
    }

    /**
     * GreenMail with one habit of Gmail's SMTP: mail whose envelope sender is one of its users is also
     * filed in that user's Sent folder, before the server answers 250. The mailer relies on it to
     * tell whether an interrupted send was accepted.
     */
    private static final class GmailLikeManagers extends Managers {

        private final SmtpManager smtpManager = new SmtpManager(getImapHostManager(), getUserManager()) {
            @Override
            public synchronized void send(SmtpState state) {
                super.send(state);
                MovingMessage m = state.getMessage();
                if (m.getReturnPath() == null) {
                    return;
                }
                GreenMailUser sender =
                        getUserManager().getUserByEmail(m.getReturnPath().getEmail());
                MailFolder sent = sender == null ? null : getImapHostManager().getFolder(sender, SENT);
                if (sent != null) {
                    sent.appendMessage(m.getMessage(), new Flags(Flags.Flag.SEEN), new java.util.Date());
                }
            }
        };

        @Override
        public SmtpManager getSmtpManager() {
            return smtpManager;
        }
    }
}
