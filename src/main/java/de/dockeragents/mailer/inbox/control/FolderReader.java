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
 * over to attachments and triage. While a batch is stored, the next one is already fetched and parsed
 * on the executor (a pipeline one batch deep), unless the two together exceed
 * {@code mailer.poll.batch-bytes}: then they are read one after the other, so at most one batch budget of
 * mail (or one large mail) is held. A failure leaves the position where the last committed batch put
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
        readBatches(
                box,
                folder,
                uidValidity,
                position,
                Batches.of(announced, settings.batchSize(), settings.batchBytes(), settings.maxMessageBytes()),
                fence,
                tally);
        if (announced.size() < present.size()) {
            // everything announced is stored or left out by the initial import: the position moves past it
            store.skip(folder, uidValidity, present.get(present.size() - 1).uid(), fence);
        }
        return tally.done(folder);
    }

    /**
     * Reads the batches in order: each stored, acted on and handed over on this thread; the next one fetched
     * and its parsing started before the current one is stored when both fit in the batch budget.
     */
    void readBatches(
            ImapMailbox box,
            String folder,
            long uidValidity,
            MailStore.Position position,
            List<Batches.Batch> all,
            Fence fence,
            PollTally tally)
            throws MessagingException {
        PollTally.Phases phases = tally.phases();
        BatchParser.Parsing next = all.isEmpty() ? null : fetch(box, folder, uidValidity, all.get(0), position, tally);
        for (int i = 0; i < all.size(); i++) {
            Batches.Batch batch = all.get(i);
            long t = System.nanoTime();
            List<Incoming> incoming = next.join();
            t = phases.mark(PollTally.Phases.PARSE, t);
            // the next batch is fetched and parsed while this one is stored, when both fit in the batch budget
            boolean ahead = i + 1 < all.size() && batch.bytes() + all.get(i + 1).bytes() <= settings.batchBytes();
            next = null;
            MessagingException aheadFailed = null;
            if (ahead) {
                try {
                    next = fetch(box, folder, uidValidity, all.get(i + 1), position, tally);
                } catch (MessagingException e) {
                    aheadFailed = e; // this batch is in hand: stored and handed over first, then the poll fails
                }
            }
            t = System.nanoTime();
            MailStore.Stored result = batches.store(folder, uidValidity, incoming, batch.lastUid(), fence);
            t = phases.mark(PollTally.Phases.STORE, t);
            tally.stored(result);
            if (aheadFailed == null) {
                // else the connection failed: the next poll applies the actions still pending (catchUp)
                serverActions.apply(box, folder, uidValidity, ServerActions.pending(result));
            }
            t = phases.mark(PollTally.Phases.ACT, t);
            handOver.stored(incoming, result.inserted());
            phases.mark(PollTally.Phases.HAND_OVER, t);
            if (aheadFailed != null) {
                throw aheadFailed;
            }
            if (!ahead && i + 1 < all.size()) {
                next = fetch(box, folder, uidValidity, all.get(i + 1), position, tally);
            }
        }
    }

    /** Downloads a batch and starts its parsing; the caller joins it when the batch is to be stored. */
    BatchParser.Parsing fetch(
            ImapMailbox box,
            String folder,
            long uidValidity,
            Batches.Batch batch,
            MailStore.Position position,
            PollTally tally)
            throws MessagingException {
        long t = System.nanoTime();
        Map<Long, byte[]> bodies = box.bodies(batch.downloadUids());
        Map<Long, byte[]> heads = box.messageIdHeaders(batch.tooLargeUids());
        tally.phases().mark(PollTally.Phases.FETCH, t);
        tally.fetched(bodies.size());
        return parser.start(folder, uidValidity, batch, bodies, heads, position);
    }
}
