package de.dockeragents.mailer.mailbox.control;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UidSetTest {

    @Test
    void compressesRunsSortsAndDropsDuplicates() {
        assertEquals("3:5,9,11:12", UidSet.of(List.of(9L, 3L, 4L, 5L, 12L, 11L, 4L)));
        assertEquals("7", UidSet.of(List.of(7L)));
    }
}
