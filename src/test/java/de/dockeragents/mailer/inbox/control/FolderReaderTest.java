package de.dockeragents.mailer.inbox.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;
import de.dockeragents.mailer.platform.entity.Fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The poll's batches as a pipeline one batch deep: the next batch is fetched and its parsing started before the
 * current one is stored, unless the two exceed the batch budget; stores, actions and hand-overs stay in order, and
 * a failed read-ahead still stores and hands over the batch in hand.
 */
class FolderReaderTest {

    private static final Fence FENCE = new Fence("folder:INBOX", 1);
    private static final MailStore.Position POSITION = new MailStore.Position(0, 0, null, "none", "test", null);

    /** Records every step by batch: "fetch 1", "parse 1", "store 1", "act 1", "hand over 1". */
    static final class Recorder extends FolderReader {
        final List<String> steps = Collections.synchronizedList(new ArrayList<>());
        int failFetchOf = -1;

        Recorder(long batchBytes) {
            settings = new InboxSettings(null, 100, batchBytes, batchBytes * 4, null, null, null, null);
            metrics = new InboxMetrics() {
                @Override
                public void fetched(int n) {}

                @Override
                public void stored(int n) {}

                @Override
                public void duplicates(int n) {}
            };
            batches = new BatchStore() {
                @Override
                MailStore.Stored store(
                        String folder, long uidValidity, List<Incoming> incoming, long lastUid, Fence fence) {
                    steps.add("store " + lastUid);
                    return new MailStore.Stored(
                            incoming.stream().map(Incoming::message).toList(), 0);
                }
            };
            serverActions = new ServerActions() {
                @Override
                void apply(ImapMailbox box, String folder, long uidValidity, List<Long> uids) {
                    steps.add("act " + uids.get(uids.size() - 1));
                }
            };
            handOver = new HandOver() {
                @Override
                void stored(List<Incoming> incoming, List<MailMessage> inserted) {
                    steps.add("hand over " + inserted.get(inserted.size() - 1).uid());
                }
            };
        }

        @Override
        BatchParser.Parsing fetch(
                ImapMailbox box,
                String folder,
                long uidValidity,
                Batches.Batch batch,
                MailStore.Position position,
                PollTally tally)
                throws MessagingException {
            long last = batch.lastUid();
            if (last == failFetchOf) {
                throw new FolderClosedException(null, "connection lost");
            }
            steps.add("fetch " + last);
            return () -> {
                steps.add("parse " + last);
                return batch.download().stream()
                        .map(a -> {
                            MailMessage m =
                                    new MailMessage(folder, uidValidity, a.uid(), "k" + a.uid(), MailStatus.STORED, 1);
                            m.serverAction(de.dockeragents.mailer.inbox.entity.ServerAction.PENDING);
                            return new Incoming(m, new byte[0]);
                        })
                        .toList();
            };
        }

        void read(long... sizes) throws MessagingException {
            List<Batches.Batch> all = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                all.add(new Batches.Batch(List.of(new Announced(i + 1, sizes[i], null)), List.of()));
            }
            readBatches(null, "INBOX", 1, POSITION, all, FENCE, new PollTally(metrics));
        }
    }

    @Test
    void theNextBatchIsFetchedAndParsedWhileTheCurrentOneIsStored() throws Exception {
        Recorder r = new Recorder(1000);
        r.read(100, 100, 100);
        assertEquals(
                List.of(
                        "fetch 1",
                        "parse 1",
                        "fetch 2",
                        "store 1",
                        "act 1",
                        "hand over 1",
                        "parse 2",
                        "fetch 3",
                        "store 2",
                        "act 2",
                        "hand over 2",
                        "parse 3",
                        "store 3",
                        "act 3",
                        "hand over 3"),
                r.steps);
    }

    @Test
    void batchesThatTogetherExceedTheBudgetAreReadOneAfterTheOther() throws Exception {
        Recorder r = new Recorder(1000);
        r.read(100, 950, 100, 100);
        assertEquals(
                List.of(
                        "fetch 1",
                        "parse 1",
                        "store 1",
                        "act 1",
                        "hand over 1",
                        "fetch 2",
                        "parse 2",
                        "store 2",
                        "act 2",
                        "hand over 2",
                        "fetch 3",
                        "parse 3",
                        "fetch 4",
                        "store 3",
                        "act 3",
                        "hand over 3",
                        "parse 4",
                        "store 4",
                        "act 4",
                        "hand over 4"),
                r.steps);
    }

    @Test
    void aFailedReadAheadStillStoresAndHandsOverTheBatchInHandThenThePollFails() {
        Recorder r = new Recorder(1000);
        r.failFetchOf = 2;
        assertThrows(FolderClosedException.class, () -> r.read(100, 100, 100));
        // no server action on the lost connection: the next poll's catch-up applies what is pending
        assertEquals(List.of("fetch 1", "parse 1", "store 1", "hand over 1"), r.steps);
    }
}
