package de.dockeragents.mailer.inbox.control;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.entity.Fence;

/**
 * One pass over the folder: from the stored position, what is new is fetched batch by batch, each
 * batch parsed, stored in one transaction, and only then marked or moved on the server and handed
 * over to attachments and triage. A failure leaves the position where the last committed batch put
 * it, so the next poll goes on from there. Every write of the position carries the folder lease's fence.
 */
@ApplicationScoped
public class FolderReader {

    @Inject
    ImapSettings imap;

    @Inject
    InboxSettings settings;

    @Inject
    InboxMetrics metrics;

    @Inject
    MailStore store;

    @Inject
    ReadPosition positions;

    @Inject
    BatchParser parser;

    @Inject
    BatchStore batches;

    @Inject
    ServerActions serverActions;

    @Inject
    HandOver handOver;

    /** The folder this reader reads ({@code mailer.imap.folder}). */
    String folder() {
        return imap.folder();
    }

    InboxPoller.Result read(ImapMailbox box, Fence fence) throws MessagingException {
        String folder = imap.folder();
        long uidValidity = box.uidValidity();
        MailStore.Position position = positions.of(box, folder, uidValidity, fence);
        serverActions.catchUp(box, folder, uidValidity);

        List<Announced> present = box.announcedAfter(position.lastUid());
        // of the history, the initial import reads only what is recent enough (since:<duration>)
        List<Announced> announced = present.stream()
                .filter(a -> position.reads(a.uid(), a.internalDate()))
                .toList();
        PollTally tally = new PollTally(metrics);
        PollTally.Phases phases = tally.phases();
        for (Batches.Batch batch :
                Batches.of(announced, settings.batchSize(), settings.batchBytes(), settings.maxMessageBytes())) {
            long t = System.nanoTime();
            Map<Long, byte[]> bodies = box.bodies(batch.downloadUids());
            Map<Long, byte[]> heads = box.messageIdHeaders(batch.tooLargeUids());
            t = phases.mark(PollTally.Phases.FETCH, t);
            tally.fetched(bodies.size());
            List<Incoming> incoming = parser.parse(folder, uidValidity, batch, bodies, heads, position);
            t = phases.mark(PollTally.Phases.PARSE, t);
            MailStore.Stored result = batches.store(folder, uidValidity, incoming, batch.lastUid(), fence);
            t = phases.mark(PollTally.Phases.STORE, t);
            tally.stored(result);
            serverActions.apply(box, folder, uidValidity, ServerActions.pending(result));
            t = phases.mark(PollTally.Phases.ACT, t);
            handOver.stored(incoming, result.inserted());
            phases.mark(PollTally.Phases.HAND_OVER, t);
        }
        if (announced.size() < present.size()) {
            // everything announced is stored or left out by the initial import: the position moves past it
            store.skip(folder, uidValidity, present.get(present.size() - 1).uid(), fence);
        }
        return tally.done(folder);
    }
}
