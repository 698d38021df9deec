package de.dockeragents.mailer.attachment.control;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/** The attachment policy and its neighbours (clamd, archive), read and checked once at start-up. */
public record AttachmentSettings(
        Path root,
        Path quarantine,
        long maxSize,
        int maxCount,
        Set<FileType> allowed,
        String clamdHost,
        int clamdPort,
        Duration clamdConnectTimeout,
        Duration clamdReadTimeout,
        long clamdStreamMaxLength,
        Duration retryInterval,
        Duration retention,
        Duration quarantineRetention,
        LocalTime cleanupAt,
        ArchiveSettings archive) {

    static final String P = "mailer.attachment.";

    public static AttachmentSettings read(ConfigProblems c) {
        Path root = directory(c, P + "root");
        Path quarantine = directory(c, P + "quarantine");
        if (root != null && quarantine != null && (quarantine.startsWith(root) || root.startsWith(quarantine))) {
            c.problem(P + "quarantine and " + P + "root must be separate directories, neither inside the other");
        }
        long maxSize = c.bytes(P + "max-size", 1, 1L << 31);
        long streamMax = c.bytes(P + "clamd.stream-max-length", 1, 1L << 32);
        if (streamMax > 0 && maxSize > streamMax) {
            c.problem(P + "clamd.stream-max-length (" + streamMax + ") must be at least " + P + "max-size (" + maxSize
                    + "), and clamd's StreamMaxLength must match it, or large attachments can never be scanned");
        }
        Duration timeoutMin = Duration.ofMillis(100);
        return new AttachmentSettings(
                root,
                quarantine,
                maxSize,
                c.integer(P + "max-count", 1, 10_000),
                types(c, P + "allowed-types"),
                c.required(P + "clamd.host"),
                c.integer(P + "clamd.port", 1, 65535),
                c.duration(P + "clamd.connect-timeout", timeoutMin, Duration.ofMinutes(5)),
                c.duration(P + "clamd.read-timeout", timeoutMin, Duration.ofMinutes(30)),
                streamMax,
                c.duration(P + "scan.retry-interval", Duration.ofSeconds(1), Duration.ofHours(24)),
                c.duration(P + "retention", Duration.ofHours(1), Duration.ofDays(3650)),
                c.duration(P + "quarantine-retention", Duration.ofHours(1), Duration.ofDays(3650)),
                time(c, P + "cleanup-at"),
                archive(c));
    }

    private static Path directory(ConfigProblems c, String key) {
        String raw = c.required(key);
        if (raw.isEmpty()) {
            return null;
        }
        Path p = Path.of(raw);
        if (!p.isAbsolute()) {
            c.problem(key + " must be an absolute path (was '" + raw + "')");
        }
        return p.normalize();
    }

    private static Set<FileType> types(ConfigProblems c, String key) {
        Set<FileType> types = EnumSet.noneOf(FileType.class);
        for (String label : c.required(key).split(",")) {
            if (label.isBlank()) {
                continue;
            }
            FileType.byLabel(label)
                    .ifPresentOrElse(
                            types::add,
                            () -> c.problem(key + " names an unknown type '"
                                    + label.strip() + "' (known: "
                                    + Arrays.stream(FileType.values())
                                            .map(FileType::label)
                                            .collect(Collectors.joining(", "))
                                    + ")"));
        }
        return types;
    }

    private static LocalTime time(ConfigProblems c, String key) {
        String raw = c.required(key);
        try {
            return raw.isEmpty() ? LocalTime.of(2, 0) : LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            c.problem(key + " must be a time of day like 02:00 (was '" + raw + "')");
            return LocalTime.of(2, 0);
        }
    }

    private static ArchiveSettings archive(ConfigProblems c) {
        String enabled = c.required(P + "archive.enabled");
        if (!enabled.equalsIgnoreCase("true")) {
            if (!enabled.equalsIgnoreCase("false") && !enabled.isEmpty()) {
                c.problem(P + "archive.enabled must be true or false (was '" + enabled + "')");
            }
            return null;
        }
        String endpoint = c.required(P + "archive.endpoint");
        URI uri = null;
        try {
            uri = endpoint.isEmpty() ? null : URI.create(endpoint);
            if (uri != null && (uri.getScheme() == null || uri.getHost() == null)) {
                c.problem(P + "archive.endpoint must be a URL like http://minio:9000 (was '" + endpoint + "')");
            }
        } catch (IllegalArgumentException e) {
            c.problem(P + "archive.endpoint must be a URL like http://minio:9000 (was '" + endpoint + "')");
        }
        String sse = c.required(P + "archive.sse");
        if (!sse.equals("AES256") && !sse.equals("aws:kms") && !sse.equalsIgnoreCase("none")) {
            c.problem(P + "archive.sse must be AES256, aws:kms or none (was '" + sse + "')");
        }
        return new ArchiveSettings(
                uri,
                c.required(P + "archive.region"),
                c.required(P + "archive.bucket"),
                c.required(P + "archive.access-key"),
                c.required(P + "archive.secret-key"),
                sse.equalsIgnoreCase("none") ? "" : sse,
                c.duration(P + "archive.after", Duration.ZERO, Duration.ofDays(3650)),
                c.duration(P + "archive.timeout", Duration.ofSeconds(1), Duration.ofMinutes(30)));
    }
}
