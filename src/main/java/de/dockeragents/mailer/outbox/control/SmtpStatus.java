package de.dockeragents.mailer.outbox.control;

import jakarta.enterprise.context.ApplicationScoped;

/** The latest SMTP login outcome: from the start-up check, then from every send. */
@ApplicationScoped
public class SmtpStatus {

    private volatile SmtpLogin last;

    public SmtpLogin last() {
        return last;
    }

    public void record(SmtpLogin login) {
        last = login;
    }
}
