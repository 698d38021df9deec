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

    /** A finder that must not be asked (no start instant given). */
    static final FolderStarts.FirstArrived NEVER = (since, until) -> {
        throw new AssertionError("asked for mail arrived since " + since);
    };

    FolderStarts.FirstArrived arrived(long answer) {
        return (since, until) -> {
            asked.add(since);
            return answer;
        };
    }

    FolderStarts.LowestSince lowest(long answer) {
        return (since, until) -> {
            asked.add(since);
            return answer;
        };
    }

    @Test
    void noneStartsAtTheFoldersUidNextWithoutAskingTheServerForDates() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.NONE, NEW, 521, NOW, null, lowest(1), NEVER);
        assertEquals(521, s.firstUid(), "the next mail to arrive is the first one read");
        assertEquals(520, s.historyUntilUid());
        assertNull(s.historySince());
        assertEquals("none", s.initialImport());
        assertEquals("first_start", s.reason());
        assertEquals(List.of(), asked);
    }

    @Test
    void allReadsFromTheFirstUidAndEverythingBelowUidNextIsHistory() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.ALL, NEW, 521, NOW, null, lowest(1), NEVER);
        assertEquals(1, s.firstUid());
        assertEquals(520, s.historyUntilUid());
        assertNull(s.historySince());
    }

    @Test
    void sinceStartsAtTheLowestUidTheServerFindsAndKeepsTheExactLimit() throws MessagingException {
        MailStore.Start s =
                FolderStarts.plan(InitialImport.parse("since:14d"), NEW, 521, NOW, null, lowest(388), NEVER);
        assertEquals(388, s.firstUid());
        assertEquals(520, s.historyUntilUid());
        assertEquals(OffsetDateTime.parse("2026-11-22T10:00:00Z"), s.historySince());
        assertEquals(List.of(Instant.parse("2026-11-22T10:00:00Z")), asked);

        MailStore.Start nothing =
                FolderStarts.plan(InitialImport.parse("since:14d"), NEW, 521, NOW, null, lowest(-1), NEVER);
        assertEquals(521, nothing.firstUid(), "no history that recent: start at UIDNEXT");
    }

    @Test
    void anEmptyFolderHasNoHistory() throws MessagingException {
        MailStore.Start s = FolderStarts.plan(InitialImport.ALL, NEW, 1, NOW, null, lowest(-1), NEVER);
        assertEquals(1, s.firstUid());
        assertEquals(0, s.historyUntilUid());
    }

    @Test
    void aNewUidValidityUnderNoneReadsAgainFromADayBeforeTheOldPositionLastMovedAsHistory() throws MessagingException {
        OffsetDateTime moved = OffsetDateTime.of(2026, 12, 5, 8, 0, 0, 0, ZoneOffset.UTC);
        MailStore.Sight changed = new MailStore.Sight(null, true, moved);
        MailStore.Start s = FolderStarts.plan(InitialImport.NONE, changed, 40, NOW, null, lowest(31), NEVER);
        assertEquals("uidvalidity_change", s.reason());
        assertEquals("none", s.initialImport());
        assertEquals(39, s.historyUntilUid(), "everything the folder holds after the change is history");
        assertEquals(moved.minusDays(1), s.historySince());
        assertEquals(31, s.firstUid());

        MailStore.Start all = FolderStarts.plan(InitialImport.ALL, changed, 40, NOW, null, lowest(31), NEVER);
        assertEquals(1, all.firstUid(), "all reads the whole folder again, as history");
        assertEquals(39, all.historyUntilUid());
    }

    static final Instant STARTED = Instant.parse("2026-12-06T09:59:00Z");

    @Test
    void mailThatArrivedAfterTheMailerStartedIsNewEvenIfTheFirstLookCameLater() throws MessagingException {
        // the server answered only at 10:00, a minute after the start: UIDs 515-520 came in meanwhile
        MailStore.Start none = FolderStarts.plan(InitialImport.NONE, NEW, 521, NOW, STARTED, lowest(1), arrived(515));
        assertEquals(514, none.historyUntilUid(), "what the folder held before the start is history");
        assertEquals(515, none.firstUid(), "what arrived after it is read, as new mail");
        assertEquals(List.of(STARTED), asked);

        MailStore.Start since =
                FolderStarts.plan(InitialImport.parse("since:14d"), NEW, 521, NOW, STARTED, lowest(388), arrived(515));
        assertEquals(388, since.firstUid());
        assertEquals(514, since.historyUntilUid());

        MailStore.Start quiet = FolderStarts.plan(InitialImport.NONE, NEW, 521, NOW, STARTED, lowest(1), arrived(-1));
        assertEquals(520, quiet.historyUntilUid(), "nothing arrived since the start: as before");
        assertEquals(521, quiet.firstUid());
    }

    @Test
    void aNewUidValidityIsNotAskedWhatArrivedSinceTheStart() throws MessagingException {
        MailStore.Sight changed =
                new MailStore.Sight(null, true, OffsetDateTime.of(2026, 12, 5, 8, 0, 0, 0, ZoneOffset.UTC));
        MailStore.Start s = FolderStarts.plan(InitialImport.NONE, changed, 40, NOW, STARTED, lowest(31), NEVER);
        assertEquals(39, s.historyUntilUid());
    }
}
