package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * When the daily attachment cleanup last finished, kept as a file beside the attachments (it
 * survives restarts with the volume). The practice's PC is often off at the cleanup time: a mark
 * older than a day, or none, means the cleanup is due at start.
 */
public record CleanupMark(Path file) {

    public static CleanupMark in(Path root) {
        return new CleanupMark(root.resolve(".last-cleanup"));
    }

    public boolean due(Instant now, Duration maxAge) {
        try {
            return !Files.exists(file)
                    || Files.getLastModifiedTime(file).toInstant().plus(maxAge).isBefore(now);
        } catch (IOException e) {
            return true;
        }
    }

    public void done() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Instant.now().toString());
    }
}
