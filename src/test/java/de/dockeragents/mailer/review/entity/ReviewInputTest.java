package de.dockeragents.mailer.review.entity;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the review API accepts, and that every refusal names its field. */
class ReviewInputTest {

    static final Set<String> CATEGORIES = Set.of("emergency", "other");

    static void refused(String field, Runnable r) {
        Problem p = assertThrows(Problem.class, r::run);
        assertEquals(400, p.status());
        assertEquals(field, p.field());
    }

    @Test
    void pagingHasDefaultsAndBounds() {
        assertEquals(new Paging(Paging.DEFAULT_LIMIT, 0), Paging.of(null, ""));
        assertEquals(new Paging(200, 100_000), Paging.of("200", " 100000 "));
        refused("limit", () -> Paging.of("0", null));
        refused("limit", () -> Paging.of("201", null));
        refused("limit", () -> Paging.of("ten", null));
        refused("offset", () -> Paging.of(null, "-1"));
        refused("offset", () -> Paging.of(null, "100001"));
    }

    @Test
    void inboxFiltersAreCheckedAgainstTheProfileAndTheStates() {
        InboxFilter f = InboxFilter.of("emergency", "URGENT", "true", "draft", CATEGORIES);
        assertEquals(new InboxFilter("emergency", "urgent", true, "DRAFT"), f);
        assertEquals(new InboxFilter(null, null, null, null), InboxFilter.of("", " ", null, "", CATEGORIES));
        refused("category", () -> InboxFilter.of("billing", null, null, null, CATEGORIES));
        refused("priority", () -> InboxFilter.of(null, "asap", null, null, CATEGORIES));
        refused("needsReply", () -> InboxFilter.of(null, null, "yes", null, CATEGORIES));
        refused("status", () -> InboxFilter.of(null, null, null, "LOST", CATEGORIES));
    }

    @Test
    void anApprovalNeedsABodyAndAOneLineSubject() {
        assertNull(new Approval(null, "Text").subject());
        assertEquals("Ihr Termin", new Approval("  Ihr Termin ", "Text").subject());
        refused("body", () -> new Approval("s", null));
        refused("body", () -> new Approval("s", "  \n "));
        refused("body", () -> new Approval("s", "x".repeat(Approval.MAX_BODY + 1)));
        refused("body", () -> new Approval("s", "a\0b"));
        refused("subject", () -> new Approval("a\r\nBcc: x@example.org", "Text"));
        refused("subject", () -> new Approval("", "Text"));
    }

    @Test
    void aRejectionsReasonIsOptionalAndShort() {
        assertNull(new Rejection("  ").reason());
        assertEquals("erledigt", new Rejection(" erledigt ").reason());
        refused("reason", () -> new Rejection("x".repeat(Rejection.MAX_REASON + 1)));
    }

    @Test
    void idsArePositiveWholeNumbers() {
        assertEquals(42L, Ids.parse("id", "42"));
        refused("id", () -> Ids.parse("id", "0"));
        refused("id", () -> Ids.parse("id", "4e2"));
        refused("mailId", () -> Ids.parse("mailId", "-1"));
    }
}
