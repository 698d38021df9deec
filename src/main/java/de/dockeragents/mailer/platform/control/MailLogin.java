package de.dockeragents.mailer.platform.control;

import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;

/**
 * How IMAP and SMTP log in ({@code mailer.imap.auth}, {@code mailer.smtp.auth}): with a password, or with
 * SASL XOAUTH2, which Angus Mail speaks itself when told the mechanism and given the access token as the
 * password. A login the server rejects with a token is tried once more with a new token, then fails.
 */
public final class MailLogin {

    public enum Mechanism {
        PASSWORD,
        XOAUTH2
    }

    private final String password;
    private final AccessTokens tokens;

    private MailLogin(String password, AccessTokens tokens) {
        this.password = password;
        this.tokens = tokens;
    }

    public static MailLogin password(String password) {
        return new MailLogin(password, null);
    }

    public static MailLogin xoauth2(AccessTokens tokens) {
        return new MailLogin("", tokens);
    }

    public boolean oauth() {
        return tokens != null;
    }

    /** The configured password; empty with XOAUTH2. */
    public String password() {
        return password;
    }

    /** Session properties for {@code mail.<protocol>.}: XOAUTH2 as the only mechanism where tokens are used. */
    public void configure(Properties p, String prefix) {
        if (tokens != null) {
            p.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
        }
    }

    public void connect(Service service, String host, int port, String user) throws MessagingException {
        if (tokens == null) {
            service.connect(host, port, user, password);
            return;
        }
        String token;
        try {
            token = tokens.current();
        } catch (TokenRefusal e) {
            throw failure(e);
        }
        try {
            service.connect(host, port, user, token);
        } catch (AuthenticationFailedException e) {
            String fresh;
            try {
                fresh = tokens.renew(token);
            } catch (TokenRefusal r) {
                throw failure(r);
            }
            service.connect(host, port, user, fresh);
        }
    }

    /** A refused refresh token is a rejected login (no waiting cures it); an unreachable endpoint is not. */
    private static MessagingException failure(TokenRefusal e) {
        String why = "no OAuth2 access token: " + e.getMessage();
        return e.refused() ? new AuthenticationFailedException(why) : new MessagingException(why);
    }

    @Override
    public String toString() {
        return (tokens == null ? Mechanism.PASSWORD : Mechanism.XOAUTH2).name();
    }
}
