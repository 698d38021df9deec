package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapSettings;

/**
 * The poller's one IMAP connection, kept open between polls, and the back-off after a failed poll: a
 * server that refuses us is asked again after 1, 2, 4 … seconds, at most every five minutes, not on
 * every timer tick.
 */
@ApplicationScoped
public class ImapConnection {

    private static final Logger LOG = Logger.getLogger(ImapConnection.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    @Inject
    ImapSettings imap;

    @Inject
    InboxStatus status;

    private ImapMailbox mailbox;
    private volatile Instant notBefore = Instant.MIN;

    /** The open connection, opened again if the last one was lost. */
    ImapMailbox open() throws MessagingException {
        if (mailbox != null && mailbox.isOpen()) {
            return mailbox;
        }
        close();
        mailbox = ImapMailbox.open(imap);
        status.connected(true);
        LOG.info(() -> "connected to the IMAP server " + imap.host() + ":" + imap.port());
        return mailbox;
    }

    void close() {
        if (mailbox != null) {
            mailbox.close();
            mailbox = null;
        }
        status.connected(false);
    }

    /** True while a failed poll's back-off lasts. */
    boolean waiting() {
        return Instant.now().isBefore(notBefore);
    }

    void succeeded() {
        notBefore = Instant.MIN;
    }

    /** After the given number of failed polls in a row: how long until the next try. */
    Duration failed(int consecutiveFailures) {
        Duration wait = backoff(consecutiveFailures);
        notBefore = Instant.now().plus(wait);
        return wait;
    }

    static Duration backoff(int failures) {
        long seconds = 1L << Math.min(Math.max(failures - 1, 0), 16);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }
}
