package de.dockeragents.mailer.inbox.control;

import java.util.logging.Logger;

import de.dockeragents.mailer.inbox.control.InboxMetrics.FailReason;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;

/**
 * What one poll did, counted as it goes: the metrics per batch, the one log line at the end (with
 * where the time went), and the poll's result. Mail is named by id and UID only, never by address.
 */
final class PollTally {

    private static final Logger LOG = Logger.getLogger(PollTally.class.getName());

    private final InboxMetrics metrics;
    private final Phases phases = new Phases();
    private int fetched, stored, duplicates, parseErrors, tooLarge;

    PollTally(InboxMetrics metrics) {
        this.metrics = metrics;
    }

    Phases phases() {
        return phases;
    }

    void fetched(int n) {
        fetched += n;
        metrics.fetched(n);
    }

    void stored(MailStore.Stored result) {
        stored += result.inserted().size();
        duplicates += result.duplicates();
        metrics.stored(result.inserted().size());
        metrics.duplicates(result.duplicates());
        for (MailMessage m : result.inserted()) {
            if (m.status() == MailStatus.PARSE_ERROR) {
                parseErrors++;
                metrics.failed(FailReason.PARSE_ERROR);
                LOG.warning(() -> "mail " + m.id() + " (uid " + m.uid() + ") could not be parsed; stored raw");
            } else if (m.status() == MailStatus.TOO_LARGE) {
                tooLarge++;
                metrics.failed(FailReason.TOO_LARGE);
                LOG.warning(() ->
                        "mail " + m.id() + " (uid " + m.uid() + ") exceeds the size cap; recorded, not downloaded");
            }
        }
    }

    /** The log line, if anything was fetched, and the result. */
    InboxPoller.Result done(String folder) {
        int f = fetched, s = stored, d = duplicates;
        if (f > 0) {
            LOG.info(() ->
                    "poll of " + folder + ": fetched " + f + ", stored " + s + ", already known " + d + "; " + phases);
        }
        return new InboxPoller.Result(true, fetched, stored, duplicates, parseErrors, tooLarge, null, 0);
    }

    /** Where a poll's time went, for the log line. */
    static final class Phases {
        private static final String[] NAMES = {"fetch", "parse", "store", "server action", "attachments"};
        static final int FETCH = 0, PARSE = 1, STORE = 2, ACT = 3, HAND_OVER = 4;
        private final long[] nanos = new long[NAMES.length];

        /** Adds the time since {@code since} to a phase; returns now, the start of the next phase. */
        long mark(int phase, long since) {
            long now = System.nanoTime();
            nanos[phase] += now - since;
            return now;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("ms:");
            for (int i = 0; i < NAMES.length; i++) {
                out.append(i == 0 ? " " : ", ").append(NAMES[i]).append(' ').append(nanos[i] / 1_000_000);
            }
            return out.toString();
        }
    }
}
