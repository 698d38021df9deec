package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.stream.Stream;

import de.dockeragents.mailer.attachment.entity.Outcome;

/**
 * Where files live. Every area uses one layout, {@code yyyy/mm/<mail id>/<name>}, and a
 * row's {@code path} is that relative path; the outcome says which area it is in:
 * {@code STORED} under the root, {@code PENDING} under {@code <root>/.pending} (same volume, so
 * the move after the scan is a rename), {@code QUARANTINED} under the quarantine root. Work files
 * are written to {@code <root>/.staging}. A mail's directories belong to it alone, which lets a
 * crashed run be cleared and repeated.
 */
public final class Layout {

    private final Path root;
    private final Path quarantine;

    public Layout(Path root, Path quarantine) {
        this.root = root.toAbsolutePath().normalize();
        this.quarantine = quarantine.toAbsolutePath().normalize();
    }

    public void create() throws IOException {
        Files.createDirectories(staging());
        Files.createDirectories(pendingRoot());
        Files.createDirectories(quarantine);
    }

    public Path root() {
        return root;
    }

    public Path quarantine() {
        return quarantine;
    }

    public Path staging() {
        return root.resolve(".staging");
    }

    Path pendingRoot() {
        return root.resolve(".pending");
    }

    public static String relative(OffsetDateTime received, long mailId, String name) {
        return mailDir(received, mailId) + "/" + name;
    }

    static String mailDir(OffsetDateTime received, long mailId) {
        return String.format("%04d/%02d/%d", received.getYear(), received.getMonthValue(), mailId);
    }

    /** The directory holding files of that outcome; null for outcomes without a file. */
    public Path area(Outcome outcome) {
        return switch (outcome) {
            case STORED -> root;
            case PENDING -> pendingRoot();
            case QUARANTINED -> quarantine;
            case REJECTED -> null;
        };
    }

    /** The file of a row, in the area its outcome names; null for outcomes without a file. */
    public Path file(Outcome outcome, String relative) {
        Path area = area(outcome);
        return area == null || relative == null ? null : inside(area, relative);
    }

    /** Moves a work file to its place; the name was made unique within the mail beforehand. */
    public void place(Path file, Outcome outcome, String relative) throws IOException {
        Path target = file(outcome, relative);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // the quarantine may be another volume
            Files.move(file, target);
        }
    }

    /** Moves a file that waited for its scan out of the pending area. */
    public void settle(String relative, Outcome outcome) throws IOException {
        Path from = file(Outcome.PENDING, relative);
        if (outcome == Outcome.REJECTED) {
            delete(from, pendingRoot());
            return;
        }
        place(from, outcome, relative);
        prune(from.getParent(), pendingRoot());
    }

    /** Deletes a file of that outcome, and its directories that became empty. */
    public boolean remove(Outcome outcome, String relative) throws IOException {
        return delete(file(outcome, relative), area(outcome));
    }

    /** Copies the raw message to a work file, so it can be read by offset rather than held in memory. */
    public Path spool(InputStream raw) throws IOException {
        Path file = Files.createTempFile(staging(), "mail-", ".eml");
        Files.copy(raw, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Removes whatever an earlier, interrupted run left for this mail. */
    public void clear(OffsetDateTime received, long mailId) throws IOException {
        String dir = mailDir(received, mailId);
        for (Path area : new Path[] {root, pendingRoot(), quarantine}) {
            deleteTree(inside(area, dir));
        }
    }

    /** Deletes a file and then its mail, month and year directories while they are empty. */
    static boolean delete(Path file, Path areaRoot) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        prune(file.getParent(), areaRoot);
        return deleted;
    }

    private static void prune(Path start, Path areaRoot) throws IOException {
        Path dir = start;
        for (int i = 0;
                i < 3 && dir != null && dir.startsWith(areaRoot) && !dir.equals(areaRoot);
                i++, dir = dir.getParent()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            } catch (IOException e) {
                break;
            }
            try {
                Files.deleteIfExists(dir);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // another mail's file arrived meanwhile
                break;
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Defence in depth: names are sanitised already, but no path may ever leave its area. */
    private static Path inside(Path area, String relative) {
        Path p = area.resolve(relative).normalize();
        if (!p.startsWith(area) || p.equals(area)) {
            throw new IllegalArgumentException("path leaves its directory");
        }
        return p;
    }
}
