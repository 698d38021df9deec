package de.dockeragents.mailer.triage.entity;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriorityTest {

    @Test
    void theOrderIsMostPressingFirstAndTheSqlRankFollowsIt() {
        assertEquals(List.of("urgent", "high", "normal", "low"), Priority.wires());
        // the staff page's sort: unclassified mail ranks with normal
        assertEquals(
                "CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3"
                        + " ELSE 2 END",
                Priority.sqlRank("c.priority", Priority.NORMAL));
    }
}
