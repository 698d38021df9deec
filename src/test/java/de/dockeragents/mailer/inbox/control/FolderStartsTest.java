package de.dockeragents.mailer.inbox.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FolderStartsTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final MailStore.Sight NEW = new MailStore.Sight(null, false, null);
    final List<Instant> asked = new ArrayList<>();

    FolderStarts.LowestSince lowest(long answer) {
        return (since, until) -> {
            asked.add(since);
            return answer;
        };
    }

    @Test
    void noneStartsAtTheFoldersUidNextWithoutAskingTheServerForDates() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.NONE, NEW, 521, NOW, lowest(1));
        assertEquals(521, s.firstUid(), "the next mail to arrive is the first one read");
        assertEquals(520, s.historyUntilUid());
        assertNull(s.historySince());
        assertEquals("none", s.initialImport());
        assertEquals("first_start", s.reason());
        assertEquals(List.of(), asked);
    }

    @Test
    void allReadsFromTheFirstUidAndEverythingBelowUidNextIsHistory() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.ALL, NEW, 521, NOW, lowest(1));
        assertEquals(1, s.firstUid());
        assertEquals(520, s.historyUntilUid());
        assertNull(s.historySince());
    }

    @Test
    void sinceStartsAtTheLowestUidTheServerFindsAndKeepsTheExactLimit() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.parse("since:14d"), NEW, 521, NOW, lowest(388));
        assertEquals(388, s.firstUid());
        assertEquals(520, s.historyUntilUid());
        assertEquals(OffsetDateTime.parse("2026-11-22T10:00:00Z"), s.historySince());
        assertEquals(List.of(Instant.parse("2026-11-22T10:00:00Z")), asked);

        MailStore.Start nothing = FolderStarts.plan(InitialImport.parse("since:14d"), NEW, 521, NOW, lowest(-1));
        assertEquals(521, nothing.firstUid(), "no history that recent: start at UIDNEXT");
    }

    @Test
    void anEmptyFolderHasNoHistory() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.ALL, NEW, 1, NOW, lowest(-1));
        assertEquals(1, s.firstUid());
        assertEquals(0, s.historyUntilUid());
    }

    @Test
    void aNewUidValidityUnderNoneReadsAgainFromADayBeforeTheOldPositionLastMovedAsHistory() throws MessagingException {
        OffsetDateTime moved = OffsetDateTime.of(2026, 12, 5, 8, 0, 0, 0, ZoneOffset.UTC);
        MailStore.Sight changed = new MailStore.Sight(null, true, moved);
        MailStore.Start s = FolderStarts.plan(InitialImport.NONE, changed, 40, NOW, lowest(31));
        assertEquals("uidvalidity_change", s.reason());
        assertEquals("none", s.initialImport());
        assertEquals(39, s.historyUntilUid(), "everything the folder holds after the change is history");
        assertEquals(moved.minusDays(1), s.historySince());
        assertEquals(31, s.firstUid());

        MailStore.Start all = FolderStarts.plan(InitialImport.ALL, changed, 40, NOW, lowest(31));
        assertEquals(1, all.firstUid(), "all reads the whole folder again, as history");
        assertEquals(39, all.historyUntilUid());
    }
}
