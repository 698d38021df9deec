package de.dockeragents.mailer.review.boundary;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The headers of an attachment download. The browser must save the file, never render it in our
 * origin: {@code Content-Disposition: attachment} with the name quoted safely (RFC 6266, the UTF-8
 * name as RFC 5987 {@code filename*}), and a content type from a short list of types no browser runs
 * as script; everything else is {@code application/octet-stream}.
 */
final class DownloadHeaders {

    static final String OCTET_STREAM = "application/octet-stream";

    /** Types a browser shows or hands to a viewer but never executes in the page's origin. */
    static final Set<String> SAFE_TYPES = Set.of(
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/tiff",
            "text/plain",
            "text/csv",
            "application/zip",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet");

    private DownloadHeaders() {}

    /** The detected type when it is on the list (parameters dropped), else octet-stream. */
    static String contentType(String detected) {
        if (detected == null) {
            return OCTET_STREAM;
        }
        String type = detected.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return SAFE_TYPES.contains(type) ? type : OCTET_STREAM;
    }

    /** {@code attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded>}. */
    static String disposition(String name) {
        String n = name == null || name.isBlank() ? "attachment" : name;
        return "attachment; filename=\"" + ascii(n) + "\"; filename*=UTF-8''" + percent(n);
    }

    /** For old clients: printable ASCII only, no quote, backslash or path separator. */
    static String ascii(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f && "\"\\/%;".indexOf(c) < 0 ? (char) c : '_'));
        return b.toString();
    }

    /** RFC 5987 {@code value-chars}: attr-char as is, every other byte of the UTF-8 name as %XX. */
    static String percent(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
