package de.dockeragents.mailer.inbox.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;

import de.dockeragents.mailer.mime.LenientMime;

/**
 * The body of a message Jakarta Mail could not read, read again with {@link LenientMime}: the first
 * text and HTML parts in whatever charset they really are, and the attachments counted. A text part
 * whose transfer encoding was damaged is kept only if it still reads as text.
 */
final class LenientBodies {

    /** A text part is read up to this many bytes; the text column keeps at most a million characters. */
    private static final int MAX_TEXT_BYTES = 4 * MessageParser.MAX_TEXT_CHARS;

    private LenientBodies() {}

    static Bodies read(byte[] raw) throws IOException, MimeException {
        Bodies bodies = new Bodies();
        LenientMime.walk(raw, false, (part, content, decoding) -> take(bodies, part, content, decoding));
        return bodies;
    }

    private static void take(Bodies bodies, LenientMime.Part part, InputStream content, LenientMime.Decoding decoding)
            throws IOException {
        String type = part.mimeType() == null ? "text/plain" : part.mimeType().toLowerCase(Locale.ROOT);
        if (part.attachment() || type.equals("message/rfc822")) {
            bodies.attachments++;
        } else if (type.equals("text/plain") && bodies.text == null) {
            bodies.text = text(part, content, decoding);
        } else if (type.equals("text/html") && bodies.html == null) {
            bodies.html = text(part, content, decoding);
        }
    }

    /**
     * A damaged transfer encoding may have turned into garbage: its text is kept only if the bytes fit
     * the declared charset or UTF-8 exactly and read as text. Skipped stray characters pass; bytes that
     * were never base64 do not.
     */
    private static String text(LenientMime.Part part, InputStream content, LenientMime.Decoding decoding)
            throws IOException {
        byte[] bytes = content.readNBytes(MAX_TEXT_BYTES);
        if (!decoding.damaged()) {
            return Charsets.decode(bytes, part.charset());
        }
        String s = Charsets.strictly(bytes, part.charset());
        return s != null && Charsets.plausible(s) ? s : null;
    }
}
