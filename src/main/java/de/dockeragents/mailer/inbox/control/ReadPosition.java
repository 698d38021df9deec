package de.dockeragents.mailer.inbox.control;

import java.time.Instant;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.platform.entity.Fence;

/**
 * Where reading a folder continues. A folder (or UIDVALIDITY) seen for the first time gets its start
 * recorded first, before anything is read: with {@code none}, mail that arrives after this moment is
 * new, and what the folder already holds is history (mailer.imap.initial-import) — except what the server
 * received since this process started, which is new too ({@link FolderStarts}).
 */
@ApplicationScoped
public class ReadPosition {

    private static final Logger LOG = Logger.getLogger(ReadPosition.class.getName());
    /** When this process started: mail the server received since then is new at a folder's first look. */
    static final Instant STARTED = Instant.ofEpochMilli(
            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

    @Inject
    MailStore store;

    @Inject
    InboxStatus status;

    @Inject
    InboxSettings settings;

    MailStore.Position of(ImapMailbox box, String folder, long uidValidity, Fence fence) throws MessagingException {
        MailStore.Sight sight = store.look(folder, uidValidity);
        MailStore.Position position = sight.position();
        if (position == null) {
            MailStore.Start start = FolderStarts.plan(
                    settings.initialImport(),
                    sight,
                    box.uidNext(),
                    Instant.now(),
                    STARTED,
                    box::lowestUidSince,
                    box::firstUidArrivedSince);
            position = store.begin(folder, uidValidity, start, fence);
            MailStore.Position p = position;
            if (sight.changed()) {
                LOG.warning(
                        () -> "UIDVALIDITY of " + folder + " changed to " + uidValidity + ": reading it again from UID "
                                + (p.lastUid() + 1)
                                + (p.historySince() == null ? "" : ", mail received since " + p.historySince())
                                + "; what it holds (up to UID " + p.historyUntilUid() + ") is history, never answered"
                                + " automatically; stored mail is recognised and not stored twice");
            } else {
                LOG.info(() -> "first look at " + folder + " (" + InitialImport.KEY + "=" + p.initialImport()
                        + "): UIDs up to "
                        + p.historyUntilUid() + " are history, never answered automatically; reading from UID "
                        + (p.lastUid() + 1)
                        + (p.historySince() == null ? "" : ", history received since " + p.historySince()));
            }
        }
        status.started(folder, position);
        return position;
    }
}
