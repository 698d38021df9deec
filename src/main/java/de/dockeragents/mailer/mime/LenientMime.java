package de.dockeragents.mailer.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The second reading of a message Jakarta Mail refused: Apache James mime4j, permissive, which
 * decodes what can be decoded and skips what cannot (stray characters in base64, an incomplete last
 * quantum, an unknown transfer encoding, a missing end boundary). A multipart whose declared boundary
 * occurs nowhere in the message is read with the one its body really uses ({@link Boundaries}); one
 * without any delimiter line is read as a single text part. Leaf parts are numbered as Jakarta Mail's
 * walk numbers them ("1", "1.2"), and nesting deeper than {@value #MAX_DEPTH} is refused as a whole.
 * <p>
 * Only ever used after the strict reading failed, so well-formed mail never pays for it.
 */
public final class LenientMime {

    public static final int MAX_DEPTH = 20;
    /** What a multipart without parts keeps of its body as text; more is not shown or classified anyway. */
    static final int MAX_PREAMBLE_BYTES = 4 * 1024 * 1024;

    /** A leaf part: where it is, what it declares to be, and the name it was sent with (or null). */
    public record Part(String path, String mimeType, String charset, String disposition, String fileName) {

        /** As Jakarta Mail's walk counts attachments: a disposition of attachment, or a file name. */
        public boolean attachment() {
            return "attachment".equalsIgnoreCase(disposition) || fileName != null;
        }
    }

    /** How the content of the current part decoded; asked once the content has been read. */
    public static final class Decoding {
        int warnings;

        /** True when the transfer encoding had to be repaired: characters skipped, a quantum dropped. */
        public boolean damaged() {
            return warnings > 0;
        }
    }

    @FunctionalInterface
    public interface Visitor {
        void part(Part part, InputStream content, Decoding decoding) throws IOException;
    }

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private LenientMime() {}

    /**
     * Hands every leaf part of the message to the visitor, its content decoded. A forwarded message
     * ({@code message/rfc822}) is one leaf unless {@code openForwarded}, then its parts are visited under
     * the forwarding part's path.
     */
    public static void walk(Source source, boolean openForwarded, Visitor visitor) throws IOException, MimeException {
        Map<String, String> repaired;
        try (InputStream in = source.open()) {
            repaired = Boundaries.repairs(in);
        }
        MimeConfig config = new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1)
                .setMaxNestingDepth(4 * MAX_DEPTH)
                .build();
        MimeStreamParser parser = new MimeStreamParser(
                config,
                DecodeMonitor.SILENT,
                new RepairingBuilder(new DefaultBodyDescriptorBuilder(null, null, DecodeMonitor.SILENT), repaired));
        // decoded here, part by part, so what had to be repaired is known per part
        parser.setContentDecoding(false);
        if (openForwarded) {
            parser.setRecurse();
        } else {
            parser.setNoRecurse();
        }
        parser.setContentHandler(new Handler(visitor));
        try (InputStream in = source.open()) {
            parser.parse(in);
        }
    }

    public static void walk(byte[] raw, boolean openForwarded, Visitor visitor) throws IOException, MimeException {
        walk(() -> new ByteArrayInputStream(raw), openForwarded, visitor);
    }

    private static final class Handler extends AbstractContentHandler {
        private final Visitor visitor;
        /** The path of every open entity, innermost first; a forwarded message keeps its part's path. */
        private final Deque<String> paths = new ArrayDeque<>();

        private final Deque<Multipart> multiparts = new ArrayDeque<>();
        private int depth;

        Handler(Visitor visitor) {
            this.visitor = visitor;
        }

        private static final class Multipart {
            final String path;
            int parts;
            byte[] preamble;

            Multipart(String path) {
                this.path = path;
            }
        }

        @Override
        public void startMessage() throws MimeException {
            paths.push(paths.isEmpty() ? "" : paths.peek());
            deeper();
        }

        @Override
        public void endMessage() {
            paths.pop();
            depth--;
        }

        @Override
        public void startBodyPart() {
            Multipart parent = multiparts.peek();
            parent.parts++;
            paths.push(parent.path.isEmpty() ? String.valueOf(parent.parts) : parent.path + "." + parent.parts);
        }

        @Override
        public void endBodyPart() {
            paths.pop();
        }

        @Override
        public void startMultipart(BodyDescriptor bd) throws MimeException {
            multiparts.push(new Multipart(paths.peek()));
            deeper();
        }

        @Override
        public void preamble(InputStream is) throws IOException {
            multiparts.peek().preamble = is.readNBytes(MAX_PREAMBLE_BYTES);
            is.transferTo(java.io.OutputStream.nullOutputStream());
        }

        @Override
        public void endMultipart() throws MimeException {
            Multipart m = multiparts.pop();
            depth--;
            if (m.parts == 0 && m.preamble != null && m.preamble.length > 0) {
                // no delimiter line at all: what the sender wrote is the preamble, read as text
                try {
                    Part text = new Part(m.path.isEmpty() ? "1" : m.path, "text/plain", null, null, null);
                    visitor.part(text, new ByteArrayInputStream(m.preamble), new Decoding());
                } catch (IOException e) {
                    throw new MimeException(e);
                }
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            String path = paths.isEmpty() || paths.peek().isEmpty() ? "1" : paths.peek();
            Part part = new Part(path, bd.getMimeType(), bd.getCharset(), disposition(bd), fileName(bd));
            Decoding decoding = new Decoding();
            InputStream content = decoded(is, bd.getTransferEncoding(), decoding);
            visitor.part(
                    part,
                    new java.io.FilterInputStream(content) {
                        @Override
                        public void close() {
                            // the parser reads on from the same stream
                        }
                    },
                    decoding);
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }

        private void deeper() throws MimeException {
            if (++depth > MAX_DEPTH) {
                throw new MimeException("MIME nesting deeper than " + MAX_DEPTH);
            }
        }
    }

    /** Base64 and quoted-printable decoded leniently; anything else (7bit, 8bit, unknown names) as it is. */
    private static InputStream decoded(InputStream raw, String transferEncoding, Decoding decoding) {
        String encoding =
                transferEncoding == null ? "" : transferEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.equals("base64")) {
            return new LenientBase64(raw, decoding);
        }
        if (encoding.equals("quoted-printable")) {
            return new QuotedPrintableInputStream(raw, new DecodeMonitor() {
                @Override
                public boolean warn(String message, String dropDesc) {
                    decoding.warnings++;
                    return false;
                }

                @Override
                public boolean isListening() {
                    return true;
                }
            });
        }
        return raw;
    }

    private static String disposition(BodyDescriptor bd) {
        return bd instanceof MaximalBodyDescriptor m ? m.getContentDispositionType() : null;
    }

    private static String fileName(BodyDescriptor bd) {
        if (!(bd instanceof MaximalBodyDescriptor m)) {
            return null;
        }
        String name = m.getContentDispositionFilename();
        if (name == null || name.isBlank()) {
            name = m.getContentTypeParameters().get("name");
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.contains("=?") ? DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT) : name;
    }
}
