package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.mail.MessagingException;

import de.dockeragents.mailer.inbox.entity.FolderState;

/**
 * Where reading a folder begins when the mailer sees it, or a new UIDVALIDITY of it, for the first time.
 * Everything the folder holds then (UIDs below its UIDNEXT) is history: read as {@code mailer.imap.initial-import}
 * says, never answered automatically. A new UIDVALIDITY follows the same rule, so nothing is answered twice;
 * with {@code none} it reads again what arrived since the old position last moved (a day's margin), so mail
 * that came in around the change is stored, as history.
 * <p>
 * The first look may come well after the mailer started: the server unreachable while start-up waits for it,
 * or lost right after the start-up check until the poll reaches it. Mail the server received after the
 * mailer started is new mail then, not what the folder held: it is read and answered like any new mail
 * (found by the end-to-end run: under {@code none} it was skipped as history, never stored).
 */
final class FolderStarts {

    /** How far before the old position's last move a UIDVALIDITY change reads again under {@code none}. */
    static final Duration RESYNC_MARGIN = Duration.ofDays(1);

    /** The lowest UID up to a bound whose INTERNALDATE may be at or after an instant, -1 for none. */
    @FunctionalInterface
    interface LowestSince {
        long find(Instant since, long untilUid) throws MessagingException;
    }

    /** The lowest UID up to a bound whose INTERNALDATE is exactly at or after an instant, -1 for none. */
    @FunctionalInterface
    interface FirstArrived {
        long find(Instant since, long untilUid) throws MessagingException;
    }

    private FolderStarts() {}

    static MailStore.Start plan(
            InitialImport mode,
            MailStore.Sight sight,
            long uidNext,
            Instant now,
            Instant started,
            LowestSince lowest,
            FirstArrived arrived)
            throws MessagingException {
        long historyUntil = Math.max(0, uidNext - 1);
        if (!sight.changed() && started != null && historyUntil > 0) {
            long late = arrived.find(started, historyUntil);
            if (late > 0) {
                historyUntil = late - 1; // arrived after the start: new mail
            }
        }
        Instant since = switch (mode.kind()) {
            case ALL -> null;
            case SINCE -> mode.sinceInstant(now);
            case NONE ->
                sight.changed() && sight.lastActivity() != null
                        ? sight.lastActivity().toInstant().minus(RESYNC_MARGIN)
                        : null;
        };
        long first;
        if (mode.kind() == InitialImport.Kind.NONE && since == null) {
            first = historyUntil + 1; // none of the history
        } else if (since == null) {
            first = 1;
        } else {
            long found = lowest.find(since, historyUntil);
            first = found < 0 ? historyUntil + 1 : found;
        }
        return new MailStore.Start(
                mode.wire(),
                sight.changed() ? FolderState.UIDVALIDITY_CHANGE : FolderState.FIRST_START,
                historyUntil,
                since == null ? null : since.atOffset(ZoneOffset.UTC),
                first);
    }
}
