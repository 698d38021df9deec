package de.dockeragents.mailer.attachment.control;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a file name chosen by a stranger into one that is safe on Linux, in a Windows share and
 * in a download header: the last path segment only, NFC, no control or format characters (bidi
 * overrides such as U+202E hide a reversed extension), no character that only stands in for
 * another (U+FFFD from a failed decoding, the control pictures U+2400 to U+243F) and none that
 * shows as nothing (Hangul fillers, the braille blank, variation selectors), every kind of space
 * as one plain space, none of {@code <>:"/\|?*}, no dot runs, no leading or trailing dots and
 * spaces, no Windows device name, and at most {@value #MAX_BYTES} bytes of UTF-8 with the
 * extension kept.
 */
public final class FileNames {

    static final int MAX_BYTES = 150;
    static final String FALLBACK = "attachment";

    private static final Pattern RESERVED = Pattern.compile("[<>:\"/\\\\|?*]");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DEVICE = Pattern.compile(
            "(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\\$|conout\\$)",
            Pattern.CASE_INSENSITIVE);

    private FileNames() {}

    public static String safe(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = lastSegment(name);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(FileNames::allowed).map(FileNames::plainSpace).forEach(kept::appendCodePoint);
        name = RESERVED.matcher(kept).replaceAll("_");
        name = SPACES.matcher(name).replaceAll(" ");
        name = DOTS.matcher(name).replaceAll(".");
        name = trim(name);
        if (name.isEmpty()) {
            return FALLBACK;
        }
        String base = baseName(name);
        if (DEVICE.matcher(base.strip()).matches()) {
            name = "_" + name;
        }
        return trim(bounded(name));
    }

    /** The extension in lower case without the dot, or "" when there is none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1
                ? ""
                : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static String baseName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Display form of the name as sent: no control characters, capped; never used as a path. */
    public static String display(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        Normalizer.normalize(raw, Normalizer.Form.NFC)
                .codePoints()
                .filter(FileNames::allowed)
                .map(FileNames::plainSpace)
                .limit(500)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return cut < 0 ? name : name.substring(cut + 1);
    }

    private static boolean allowed(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE
                && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && !standIn(cp)
                && !blank(cp);
    }

    /** Characters that replace another one: what was there is unknown, so they carry nothing. */
    private static boolean standIn(int cp) {
        return cp == 0xFFFD || cp == 0xFFFC || (cp >= 0x2400 && cp <= 0x243F);
    }

    /** Letters and marks that render as nothing: a name of them looks empty or hides what follows. */
    private static boolean blank(int cp) {
        return cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0
                || cp == 0x2800
                || cp == 0x034F
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180F);
    }

    /** No-break, ideographic and other spaces look like a space and become one, so runs collapse. */
    private static int plainSpace(int cp) {
        return Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : cp;
    }

    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    /** Cuts the stem, never the extension, at a code point boundary. */
    static String bounded(String name) {
        if (utf8(name) <= MAX_BYTES) {
            return name;
        }
        String ext = extension(name);
        String suffix = ext.isEmpty() || utf8(ext) > 16 ? "" : name.substring(name.length() - ext.length() - 1);
        String stem = name.substring(0, name.length() - suffix.length());
        int budget = MAX_BYTES - utf8(suffix);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = utf8(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return out + suffix;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
