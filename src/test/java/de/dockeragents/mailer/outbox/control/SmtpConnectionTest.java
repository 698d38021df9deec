package de.dockeragents.mailer.outbox.control;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.MailLogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SmtpConnectionTest {

    @Test
    void starttlsIsRequiredNotMerelyOfferedAndTheCertificateMustNameTheHost() {
        SmtpSettings s = settings(SmtpSettings.Security.STARTTLS, "user");
        Properties p = SmtpConnection.properties(s);
        assertEquals("smtp", SmtpConnection.protocol(s));
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", p.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("true", p.getProperty("mail.smtp.auth"));
        assertEquals("30000", p.getProperty("mail.smtp.timeout"));
        assertEquals("30000", p.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("30000", p.getProperty("mail.smtp.writetimeout"));
        assertEquals("praxis@example.org", p.getProperty("mail.smtp.from"));
    }

    @Test
    void sslUsesSmtpsFromTheFirstByte() {
        SmtpSettings s = settings(SmtpSettings.Security.SSL, "user");
        Properties p = SmtpConnection.properties(s);
        assertEquals("smtps", SmtpConnection.protocol(s));
        assertEquals("true", p.getProperty("mail.smtps.ssl.checkserveridentity"));
        assertEquals("true", p.getProperty("mail.smtps.auth"));
    }

    @Test
    void plainWithoutLoginIsALocalTestServer() {
        SmtpSettings s = settings(SmtpSettings.Security.PLAIN, "");
        Properties p = SmtpConnection.properties(s);
        assertNull(p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", p.getProperty("mail.smtp.auth"));
    }

    private static SmtpSettings settings(SmtpSettings.Security security, String user) {
        return new SmtpSettings(
                "smtp.example.org",
                587,
                security,
                user,
                MailLogin.password(user.isEmpty() ? "" : "secret"),
                "praxis@example.org",
                Duration.ofSeconds(30));
    }
}
