package de.dockeragents.mailer.platform.control;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;

import dev.DevStack;
import dev.LocalMailServer;
import dev.LocalTokenEndpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XOAUTH2 logins through Angus Mail against an in-process GreenMail, which takes the access token where a
 * password would go: a rejected token is renewed once and the login tried again, and a second rejection fails.
 */
class MailLoginTest {

    private final LocalMailServer mail = new LocalMailServer(DevStack.port(0), DevStack.port(0));
    private final LocalTokenEndpoint endpoint = new LocalTokenEndpoint("rt-login");
    private GreenMailUser user;

    MailLoginTest() {
        mail.start();
        user = mail.user("box@mailer.test", "box@mailer.test", "not-a-token");
    }

    @AfterEach
    void stop() {
        mail.close();
        endpoint.close();
    }

    private MailLogin login() {
        return MailLogin.xoauth2(new AccessTokens(
                new TokenEndpoint(endpoint.uri(), LocalTokenEndpoint.CLIENT_ID, LocalTokenEndpoint.CLIENT_SECRET),
                endpoint.refreshToken(),
                Duration.ofMinutes(5),
                Clock.systemUTC()));
    }

    private static Properties properties(MailLogin login, String protocol) {
        Properties p = new Properties();
        p.setProperty("mail." + protocol + ".auth", "true");
        login.configure(p, "mail." + protocol + ".");
        return p;
    }

    @Test
    void imapAndSmtpLogInWithTheTokenOverXoauth2() throws MessagingException {
        endpoint.onIssue(user::setPassword);
        MailLogin login = login();
        // GreenMail would take the token as a PLAIN password too: the protocol trace shows the mechanism
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Session imap = Session.getInstance(properties(login, "imap"));
        imap.setDebug(true);
        imap.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        Store store = imap.getStore("imap");
        login.connect(store, "127.0.0.1", mail.imapPort(), "box@mailer.test");
        assertTrue(store.isConnected());
        store.close();
        Session smtpSession = Session.getInstance(properties(login, "smtp"));
        smtpSession.setDebug(true);
        smtpSession.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        Transport smtp = smtpSession.getTransport("smtp");
        login.connect(smtp, "127.0.0.1", mail.smtpPort(), "box@mailer.test");
        assertTrue(smtp.isConnected());
        smtp.close();
        String dialogue = trace.toString(StandardCharsets.UTF_8);
        assertTrue(dialogue.contains("AUTHENTICATE XOAUTH2"), "IMAP: " + dialogue);
        assertTrue(dialogue.contains("AUTH XOAUTH2"), "SMTP: " + dialogue);
        assertEquals(1, endpoint.issued().size(), "one token for both");
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheLoginRepeated() throws MessagingException {
        MailLogin login = login();
        // the server takes only tokens issued after the first: as if the first had been revoked by the provider
        endpoint.onIssue(t -> {
            if (endpoint.issued().size() > 1) {
                user.setPassword(t);
            }
        });
        Store store = Session.getInstance(properties(login, "imap")).getStore("imap");
        login.connect(store, "127.0.0.1", mail.imapPort(), "box@mailer.test");
        assertTrue(store.isConnected());
        store.close();
        assertEquals(2, endpoint.issued().size());
    }

    @Test
    void aSecondRejectionFailsTheLogin() {
        MailLogin login = login(); // the server never takes a token
        Store[] store = new Store[1];
        assertThrows(AuthenticationFailedException.class, () -> {
            store[0] = Session.getInstance(properties(login, "imap")).getStore("imap");
            login.connect(store[0], "127.0.0.1", mail.imapPort(), "box@mailer.test");
        });
        assertEquals(2, endpoint.issued().size(), "renewed once, then given up");
    }

    @Test
    void aRefusedRefreshTokenIsARejectedLoginWithTheReason() {
        endpoint.revoke();
        MailLogin login = login();
        AuthenticationFailedException e = assertThrows(
                AuthenticationFailedException.class,
                () -> login.connect(
                        Session.getInstance(properties(login, "imap")).getStore("imap"),
                        "127.0.0.1",
                        mail.imapPort(),
                        "box@mailer.test"));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
    }
}
