package de.dockeragents.mailer.attachment.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleanupMarkTest {

    @TempDir
    Path root;

    @Test
    void dueWithoutAMarkAndWhenTheLastCleanupIsOverADayOld() throws Exception {
        CleanupMark mark = CleanupMark.in(root);
        assertTrue(mark.due(Instant.now(), Duration.ofDays(1)), "never cleaned up");
        mark.done();
        assertFalse(mark.due(Instant.now(), Duration.ofDays(1)), "just cleaned up");
        Files.setLastModifiedTime(mark.file(), FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        assertTrue(mark.due(Instant.now(), Duration.ofDays(1)), "the PC was off at the cleanup time");
    }
}
