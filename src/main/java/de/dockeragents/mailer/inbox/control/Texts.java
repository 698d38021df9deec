package de.dockeragents.mailer.inbox.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text made safe for a PostgreSQL text column, and readable whatever its declared charset. */
final class Texts {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Texts() {
    }

    /** Bytes of an unknown charset: UTF-8 if they are valid UTF-8, else Windows-1252 (a superset of Latin-1). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** An empty or blank text part is no text: the reader is shown the HTML part instead. */
    static String nullIfBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** PostgreSQL text cannot hold NUL; a stray one must not fail a whole batch. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** Line ends as a reader expects them: CRLF and lone CR become LF. */
    static String lines(String s) {
        return s == null ? null : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
