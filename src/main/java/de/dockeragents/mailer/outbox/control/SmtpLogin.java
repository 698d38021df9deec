package de.dockeragents.mailer.outbox.control;

import java.time.Instant;

import jakarta.mail.MessagingException;

/**
 * The outcome of connecting and logging in to the SMTP server, without sending: checked at start
 * (bad settings stop the mailer there, not weeks later as dead replies) and kept for readiness.
 * {@code rejected}: the server refused the login itself, which no waiting cures.
 */
public record SmtpLogin(boolean ok, boolean rejected, String reason, Instant at) {

    public static SmtpLogin check(SmtpSettings settings) {
        try (SmtpConnection smtp = new SmtpConnection(settings)) {
            smtp.connect();
            return new SmtpLogin(true, false, "accepted", Instant.now());
        } catch (MessagingException e) {
            SendFailure f = SmtpConnection.classify(e);
            return new SmtpLogin(false, f.loginRejected(), f.getMessage(), Instant.now());
        }
    }
}
