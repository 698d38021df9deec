package de.dockeragents.mailer.outbox.control;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP connection for a batch, opened on first use and reopened after a failure. Every socket
 * operation is bounded by {@code mailer.smtp.timeout}. Failures are sorted into permanent (the
 * server's 5xx for this mail) and transient (4xx, timeouts, refused connections, a rejected login
 * an operator can fix).
 */
public final class SmtpConnection implements AutoCloseable {

    private final SmtpSettings settings;
    private final Session session;
    private SMTPTransport transport;

    public SmtpConnection(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    public Session session() {
        return session;
    }

    public void send(MimeMessage message, Address recipient) throws SendFailure {
        try {
            connect();
            transport.sendMessage(message, new Address[] {recipient});
        } catch (MessagingException e) {
            SendFailure f = classify(e);
            if (f.connection() || !f.permanent()) {
                close(); // a fresh connection for the next mail: the old one's state is unknown
            }
            throw f;
        }
    }

    /** Connects and logs in unless connected already. */
    void connect() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            close();
            transport = (SMTPTransport) session.getTransport(protocol(settings));
            if (settings.authenticates()) {
                settings.login().connect(transport, settings.host(), settings.port(), settings.user());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
        }
    }

    static SendFailure classify(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new SendFailure(
                    "SMTP login rejected (check mailer.smtp.user / password or the OAuth2 refresh token): "
                            + e.getMessage(),
                    false,
                    true,
                    true);
        }
        int code = code(e);
        if (code >= 500 && code < 600) {
            return new SendFailure("SMTP " + code + ": " + e.getMessage(), true, false);
        }
        if (code >= 400) {
            return new SendFailure("SMTP " + code + ": " + e.getMessage(), false, false);
        }
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            io |= t instanceof IOException;
            if (t instanceof MessagingException m
                    && m.getNextException() != null
                    && m.getNextException() != t.getCause()) {
                io |= m.getNextException() instanceof IOException;
            }
        }
        return new SendFailure(
                (io ? "SMTP server not reachable: " : "SMTP: ") + e.getClass().getSimpleName() + ": " + e.getMessage(),
                false,
                true);
    }

    /** The SMTP reply code, looked for in the exception and the ones it chains. */
    static int code(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SendFailedException sf
                    && sf.getInvalidAddresses() != null
                    && sf.getInvalidAddresses().length > 0
                    && sf.getNextException() == null) {
                return 550;
            }
        }
        return -1;
    }

    static String protocol(SmtpSettings s) {
        return s.security() == SmtpSettings.Security.SSL ? "smtps" : "smtp";
    }

    static Properties properties(SmtpSettings s) {
        String prefix = "mail." + protocol(s) + ".";
        String timeout = String.valueOf(s.timeout().toMillis());
        Properties p = new Properties();
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        p.setProperty(prefix + "auth", String.valueOf(s.authenticates()));
        p.setProperty(prefix + "from", s.from());
        s.login().configure(p, prefix);
        if (s.security() == SmtpSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (s.security() != SmtpSettings.Security.PLAIN) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // closing a broken connection: nothing to save
            }
            transport = null;
        }
    }
}
