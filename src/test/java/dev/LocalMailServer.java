package dev;

import java.util.List;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real IMAP and SMTP server (GreenMail) on loopback ports. The mailboxes live apart from the
 * servers, so IMAP can be stopped and started again with its mail intact, as a real outage.
 */
public final class LocalMailServer implements AutoCloseable {

    private final Managers managers = new Managers();
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
        if (smtp == null) {
            smtp = new SmtpServer(setup(smtpPort, "smtp"), managers);
            run(smtp);
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
            return existing != null ? existing : managers.getUserManager().createUser(email, login, password);
        } catch (UserException e) {
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

    /** A new INBOX, hence a new UIDVALIDITY, holding the given messages again. */
    public MailFolder recreateInbox(GreenMailUser user) {
        managers.getImapHostManager().deletePrivateMailAccount(user);
        try {
            managers.getImapHostManager().createPrivateMailAccount(user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return inbox(user);
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
                throw new IllegalStateException(server.getProtocol() + " server did not start on port " + server.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<AbstractServer> servers() {
        return java.util.stream.Stream.of(imap, smtp).filter(java.util.Objects::nonNull).map(AbstractServer.class::cast).toList();
    }

    @Override
    public synchronized void close() {
        stopImap();
        if (smtp != null) {
            smtp.stopService();
            smtp = null;
        }
    }
}
