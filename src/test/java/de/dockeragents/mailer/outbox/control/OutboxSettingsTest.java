package de.dockeragents.mailer.outbox.control;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.platform.control.OAuthConfig;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxSettingsTest {

    private static final Supplier<AccessTokens> NO_TOKENS = () -> {
        throw new AssertionError("no OAuth2 tokens with passwords");
    };

    private static final Map<String, String> MAILBOX =
            Map.of("mailer.imap.user", "praxis@example.org", "mailer.imap.password", "app-password");

    @Test
    void theShippedDefaultsSendThroughGmailWithTheImapLogin() throws IOException {
        ConfigProblems c = new ConfigProblems(config(MAILBOX));
        OutboxSettings s = OutboxSettings.read(c, config(MAILBOX), NO_TOKENS);
        assertEquals(List.of(), c.problems());
        assertEquals("smtp.gmail.com", s.smtp().host());
        assertEquals(587, s.smtp().port());
        assertEquals(SmtpSettings.Security.STARTTLS, s.smtp().security());
        assertEquals("praxis@example.org", s.smtp().user());
        assertEquals("app-password", s.smtp().login().password());
        assertEquals("praxis@example.org", s.smtp().from());
        assertEquals(Duration.ofMinutes(5), s.lease());
        assertEquals(8, s.maxAttempts());
        assertEquals("auto", s.sentFolder());
        assertEquals(OutboxSettings.Unconfirmed.REVIEW, s.unconfirmed());
        assertFalse(s.smtp().toString().contains("app-password"));
        assertFalse(s.smtp().toString().contains("praxis@"));
    }

    @Test
    void plainTextOnlyToALocalServer() throws IOException {
        Map<String, String> o = new HashMap<>(MAILBOX);
        o.put("mailer.smtp.security", "plain");
        o.put("mailer.smtp.host", "smtp.example.org");
        ConfigProblems c = new ConfigProblems(config(o));
        OutboxSettings.read(c, config(o), NO_TOKENS);
        assertTrue(
                c.problems().stream().anyMatch(p -> p.contains("mailer.smtp.security=plain")),
                c.problems().toString());
        for (String local : List.of("127.0.0.1", "localhost", "mailpit")) {
            o.put("mailer.smtp.host", local);
            ConfigProblems ok = new ConfigProblems(config(o));
            OutboxSettings.read(ok, config(o), NO_TOKENS);
            assertEquals(List.of(), ok.problems(), local);
        }
    }

    @Test
    void aLeaseShorterThanASlowSendIsRefused() throws IOException {
        Map<String, String> o = new HashMap<>(MAILBOX);
        o.put("mailer.outbox.lease", "60s");
        o.put("mailer.smtp.timeout", "30s");
        o.put("mailer.outbox.backoff", "2h");
        o.put("mailer.outbox.backoff-max", "1h");
        o.put("mailer.outbox.unconfirmed", "maybe");
        ConfigProblems c = new ConfigProblems(config(o));
        OutboxSettings.read(c, config(o), NO_TOKENS);
        assertTrue(
                c.problems().stream().anyMatch(p -> p.startsWith("mailer.outbox.lease")),
                c.problems().toString());
        assertTrue(c.problems().stream().anyMatch(p -> p.startsWith("mailer.outbox.backoff-max")));
        assertTrue(c.problems().stream().anyMatch(p -> p.startsWith("mailer.outbox.unconfirmed")));
        assertTrue(c.problems().stream().noneMatch(p -> p.contains("app-password")));
    }

    @Test
    void ownSmtpLoginWinsOverTheImapOne() throws IOException {
        Map<String, String> o = new HashMap<>(MAILBOX);
        o.put("mailer.smtp.user", "relay-user");
        o.put("mailer.smtp.password", "relay-secret");
        o.put("mailer.reply.from", "Empfang@Example.org");
        Config config = config(o);
        OutboxSettings s = OutboxSettings.read(new ConfigProblems(config), config, NO_TOKENS);
        assertEquals("relay-user", s.smtp().user());
        assertEquals("relay-secret", s.smtp().login().password());
        assertEquals("empfang@example.org", s.smtp().from());
    }

    @Test
    void smtpLogsInWithXoauth2WhenImapDoesAndSharesItsTokens() throws IOException {
        Map<String, String> o = new HashMap<>(Map.of("mailer.imap.user", "praxis@example.org"));
        o.put("mailer.imap.auth", "xoauth2");
        o.put("mailer.oauth.client-id", "client");
        o.put("mailer.oauth.refresh-token", "refresh-secret");
        Config config = config(o);
        ConfigProblems c = new ConfigProblems(config);
        OAuthConfig oauth = new OAuthConfig(c, config);
        OutboxSettings s = OutboxSettings.read(c, config, oauth);
        assertEquals(List.of(), c.problems());
        assertTrue(s.smtp().login().oauth());
        assertTrue(oauth.used().isPresent(), "the tokens were made for SMTP");
        Properties p = SmtpConnection.properties(s.smtp());
        assertEquals("XOAUTH2", p.getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("true", p.getProperty("mail.smtp.auth"));
        assertFalse(s.smtp().toString().contains("refresh-secret"));
    }

    @Test
    void smtpMayKeepAPasswordWhileImapUsesXoauth2() throws IOException {
        Map<String, String> o = new HashMap<>(MAILBOX);
        o.put("mailer.imap.auth", "xoauth2");
        o.put("mailer.smtp.auth", "password");
        OutboxSettings s = OutboxSettings.read(new ConfigProblems(config(o)), config(o), NO_TOKENS);
        assertFalse(s.smtp().login().oauth());
        assertEquals(null, SmtpConnection.properties(s.smtp()).getProperty("mail.smtp.auth.mechanisms"));
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                OutboxSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
