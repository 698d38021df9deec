package de.dockeragents.mailer.inbox.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeUtility;

/**
 * Bytes of a text part to a string when the message cannot be trusted: the declared charset if Java
 * knows it and the bytes fit it, else UTF-8 if they are valid UTF-8 (what mail without a correct
 * declaration mostly is today), else windows-1252, which maps nearly every byte to something. The
 * same for raw 8-bit bytes in headers.
 */
final class Charsets {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {}

    static String decode(byte[] bytes, String declared) {
        String s = strictly(bytes, declared);
        return s != null ? s : new String(bytes, WINDOWS_1252);
    }

    /** In the declared charset or in UTF-8, but only where every byte fits; else null. */
    static String strictly(byte[] bytes, String declared) {
        Charset charset = known(declared);
        String s = charset == null ? null : strict(bytes, charset);
        return s != null ? s : strict(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A header value with raw 8-bit bytes (no encoded words), as Jakarta Mail hands it over: one char per
     * byte. Read as UTF-8 where the bytes are valid UTF-8, else as windows-1252. ASCII is returned as is.
     */
    static String header(String oneCharPerByte) {
        if (oneCharPerByte == null || oneCharPerByte.chars().allMatch(c -> c < 0x80)) {
            return oneCharPerByte;
        }
        if (oneCharPerByte.chars().anyMatch(c -> c > 0xff)) {
            return oneCharPerByte;
        }
        byte[] bytes = oneCharPerByte.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    /**
     * Whether a text is text: no control characters but line ends, tabs and form feeds, and no
     * replacement characters.
     */
    static boolean plausible(String s) {
        return s.codePoints()
                .noneMatch(c -> c == 0xFFFD
                        || (Character.getType(c) == Character.CONTROL
                                && c != '\n'
                                && c != '\r'
                                && c != '\t'
                                && c != '\f'));
    }

    /** Java's own name first: Jakarta Mail's table maps us-ascii to ISO-8859-1, which takes any byte. */
    private static Charset known(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        for (String name : new String[] {declared.strip(), MimeUtility.javaCharset(declared.strip())}) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown or illegal name: try the next
            }
        }
        return null;
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
