package de.dockeragents.mailer.inbox.control;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchesTest {

    static Announced a(long uid, long size) {
        return new Announced(uid, size, null);
    }

    @Test
    void cutsByCountAndByBytesAndKeepsUidOrder() {
        List<Batches.Batch> batches =
                Batches.of(List.of(a(1, 10), a(2, 10), a(3, 10), a(4, 60), a(5, 50), a(6, 10)), 3, 100, 1000);
        assertEquals(List.of(1L, 2L, 3L), batches.get(0).downloadUids());
        assertEquals(List.of(4L), batches.get(1).downloadUids(), "4 and 5 together exceed 100 bytes");
        assertEquals(List.of(5L, 6L), batches.get(2).downloadUids());
        assertEquals(3, batches.size());
    }

    @Test
    void oversizedMessagesTravelAlongButAreNotDownloaded() {
        List<Batches.Batch> batches = Batches.of(List.of(a(7, 10), a(8, 5000), a(9, 10)), 10, 100, 1000);
        assertEquals(1, batches.size());
        assertEquals(List.of(7L, 9L), batches.get(0).downloadUids());
        assertEquals(List.of(8L), batches.get(0).tooLargeUids());
        assertEquals(9, batches.get(0).lastUid());
    }

    @Test
    void aSingleMessageLargerThanTheByteBudgetStillGetsABatchOfItsOwn() {
        List<Batches.Batch> batches = Batches.of(List.of(a(1, 500), a(2, 500)), 10, 100, 1000);
        assertEquals(2, batches.size());
        assertEquals(List.of(1L), batches.get(0).downloadUids());
    }

    @Test
    void nothingAnnouncedNoBatch() {
        assertEquals(0, Batches.of(List.of(), 10, 100, 1000).size());
    }
}
