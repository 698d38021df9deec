package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedFileInputStream;

import org.apache.james.mime4j.MimeException;

import de.dockeragents.mailer.mime.LenientMime;

/**
 * Finds the attachments of a raw message on disk and streams each, decoded, into its own file.
 * The message is read through a {@link SharedFileInputStream}, so Jakarta Mail keeps offsets, not
 * copies: memory stays at a few buffers however large a part is. A part over the size cap is cut
 * off as soon as the cap is passed and reported without a file.
 * <p>
 * Attachments are parts with {@code Content-Disposition: attachment} or a file name (also inline
 * ones), and TNEF ({@code winmail.dat}) containers. A forwarded message ({@code message/rfc822})
 * is opened and its attachments are reported under the path of the part that holds it.
 * <p>
 * A message whose structure Jakarta Mail refuses is walked again by {@link #eachLeniently}: the same
 * attachments as far as they can be recovered, one with a damaged transfer encoding reported
 * without a file (the raw message keeps it).
 */
public final class MimeAttachments {

    /** One attachment as found. {@code file} is null when the part was not kept (see {@code problem}). */
    public record Found(
            String partPath,
            String rawName,
            String declaredType,
            Path file,
            Long size,
            String sha256,
            String problem) {}

    @FunctionalInterface
    public interface Sink {
        void accept(Found found) throws IOException;
    }

    /** A part's decoded content, opened when it is copied. */
    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException, MessagingException;
    }

    static final int MAX_DEPTH = 20;
    private static final int BUFFER = 64 * 1024;

    private final Path staging;
    private final long maxSize;
    private final int maxCount;
    private final Session session;

    public MimeAttachments(Path staging, long maxSize, int maxCount) {
        this.staging = staging;
        this.maxSize = maxSize;
        this.maxCount = maxCount;
        Properties p = new Properties();
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.decodeparameters", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "false");
        this.session = Session.getInstance(p);
    }

    /** Hands every attachment of the message in {@code raw} to the sink; returns how many there were. */
    public int each(Path raw, Sink sink) throws IOException, MessagingException {
        Walk walk = new Walk(sink);
        try (SharedFileInputStream in = new SharedFileInputStream(raw.toFile(), BUFFER)) {
            walk.part(new MimeMessage(session, in), "", 0);
        } finally {
            walk.closeSpools();
        }
        return walk.count;
    }

    /**
     * As {@link #each}, for a message whose structure {@link #each} refused: read by {@link LenientMime},
     * streamed from the file as well. Nesting deeper than anyone sends is still refused.
     */
    public int eachLeniently(Path raw, Sink sink) throws IOException, MessagingException {
        Walk walk = new Walk(sink);
        try {
            LenientMime.walk(() -> Files.newInputStream(raw), true, (part, content, decoding) -> {
                if (isAttachment(part)) {
                    walk.attachment(
                            part.path(),
                            part.fileName(),
                            baseType(part.mimeType()),
                            () -> content,
                            () -> decoding.damaged()
                                    ? "its transfer encoding is damaged (the raw mail keeps it)"
                                    : null);
                }
            });
        } catch (MimeException e) {
            throw new MessagingException(e.getMessage(), e);
        }
        return walk.count;
    }

    private final class Walk {
        private final Sink sink;
        private final List<SharedFileInputStream> spoolStreams = new ArrayList<>();
        private final List<Path> spools = new ArrayList<>();
        int count;

        Walk(Sink sink) {
            this.sink = sink;
        }

        void part(Part part, String path, int depth) throws IOException, MessagingException {
            if (depth > MAX_DEPTH) {
                throw new MessagingException("MIME nesting deeper than " + MAX_DEPTH);
            }
            if (part.isMimeType("multipart/*")) {
                if (part.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        part(multipart.getBodyPart(i), join(path, i + 1), depth + 1);
                    }
                }
            } else if (part.isMimeType("message/rfc822")) {
                part(nested(part), path, depth + 1);
            } else if (isAttachment(part)) {
                attachment(
                        path.isEmpty() ? "1" : path,
                        fileName(part),
                        declaredType(part),
                        part::getInputStream,
                        () -> null);
            }
        }

        /**
         * The file a part is written to, and later moved into place: readable by the mailer's
         * group too (group 0 in the image), so the backup service, which belongs to that group,
         * can archive it; createTempFile alone makes it readable by its owner only.
         */
        private Path createPartFile() throws IOException {
            if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempFile(
                        staging,
                        "part-",
                        ".bin",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            }
            return Files.createTempFile(staging, "part-", ".bin");
        }

        private MimeMessage nested(Part part) throws IOException, MessagingException {
            InputStream in = part.getInputStream();
            if (in instanceof SharedInputStream) {
                return new MimeMessage(session, in);
            }
            // an encoded message/rfc822 part: decode it to disk, then read it like the outer one
            Path spool = Files.createTempFile(staging, "nested-", ".eml");
            spools.add(spool);
            try (in) {
                Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            SharedFileInputStream shared = new SharedFileInputStream(spool.toFile(), BUFFER);
            spoolStreams.add(shared);
            return new MimeMessage(session, shared);
        }

        /** {@code damage} is asked once the content was read: a reason not to keep the file, or null. */
        void attachment(String path, String name, String declared, Content content, Supplier<String> damage)
                throws IOException {
            count++;
            if (count > maxCount) {
                sink.accept(new Found(
                        path, name, declared, null, null, null, "more than " + maxCount + " attachments in one mail"));
                return;
            }
            Path file = createPartFile();
            try {
                Found found = copy(content, path, name, declared, file);
                String damaged = found.file() == null ? null : damage.get();
                if (damaged != null) {
                    found = new Found(path, name, declared, null, null, null, damaged);
                }
                if (found.file() == null) {
                    Files.deleteIfExists(file);
                }
                sink.accept(found);
            } finally {
                Files.deleteIfExists(file);
            }
        }

        private Found copy(Content content, String path, String name, String declared, Path file) {
            MessageDigest sha = sha256();
            long total = 0;
            try (InputStream in = content.open();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxSize) {
                        return new Found(
                                path,
                                name,
                                declared,
                                null,
                                null,
                                null,
                                "larger than the size cap of " + maxSize + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException | MessagingException e) {
                return new Found(
                        path,
                        name,
                        declared,
                        null,
                        null,
                        null,
                        "cannot be decoded (" + e.getClass().getSimpleName() + ")");
            }
            return new Found(path, name, declared, file, total, HexFormat.of().formatHex(sha.digest()), null);
        }

        void closeSpools() {
            for (SharedFileInputStream s : spoolStreams) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a temp file; deleted below anyway
                }
            }
            for (Path p : spools) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the retention cleanup of the staging directory
                }
            }
        }
    }

    static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || fileName(part) != null
                || part.isMimeType("application/ms-tnef")
                || part.isMimeType("application/vnd.ms-tnef");
    }

    static boolean isAttachment(LenientMime.Part part) {
        String type = baseType(part.mimeType());
        return part.attachment() || "application/ms-tnef".equals(type) || "application/vnd.ms-tnef".equals(type);
    }

    private static String baseType(String mimeType) {
        return mimeType == null ? null : mimeType.strip().toLowerCase(Locale.ROOT);
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : name;
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String declaredType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String join(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
