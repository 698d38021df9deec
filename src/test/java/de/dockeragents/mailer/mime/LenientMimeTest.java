package de.dockeragents.mailer.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.james.mime4j.MimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LenientMimeTest {

    record Seen(LenientMime.Part part, String content, boolean damaged) {}

    static List<Seen> walk(String mail, boolean openForwarded) throws IOException, MimeException {
        List<Seen> seen = new ArrayList<>();
        LenientMime.walk(
                mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                openForwarded,
                (part, content, decoding) -> {
                    String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                    seen.add(new Seen(part, text, decoding.damaged()));
                });
        return seen;
    }

    @Test
    void aBoundaryThatNeverOccursIsReplacedByTheOneTheBodyUsesAtAnyDepth() throws Exception {
        List<Seen> seen = walk("""
                Content-Type: multipart/mixed; boundary="declared-outer"

                --used-outer
                Content-Type: multipart/alternative; boundary="declared-inner"

                --used-inner
                Content-Type: text/plain

                eins
                --used-inner
                Content-Type: text/html

                <p>zwei</p>
                --used-inner--
                --used-outer
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="a.pdf"

                %PDF
                --used-outer--
                """, false);
        assertEquals(
                List.of("1.1", "1.2", "2"),
                seen.stream().map(s -> s.part().path()).toList());
        assertEquals("eins", seen.get(0).content());
        assertEquals("text/html", seen.get(1).part().mimeType());
        assertEquals("a.pdf", seen.get(2).part().fileName());
        assertTrue(seen.get(2).part().attachment());
    }

    @Test
    void aMultipartWithoutAnyDelimiterIsReadAsItsText() throws Exception {
        List<Seen> seen = walk("""
                Content-Type: multipart/mixed; boundary="nowhere"

                Hallo, nur Text.
                --\s
                Gruss
                """, false);
        assertEquals(1, seen.size());
        assertEquals("text/plain", seen.get(0).part().mimeType());
        assertEquals("Hallo, nur Text.\r\n-- \r\nGruss", seen.get(0).content().strip());
    }

    @Test
    void aForwardedMessageIsOneLeafOrOpenedUnderItsPartsPath() throws Exception {
        String mail = """
                Content-Type: multipart/mixed; boundary="o"

                --o
                Content-Type: text/plain

                hi
                --o
                Content-Type: message/rfc822

                Subject: inner
                Content-Type: multipart/mixed; boundary="i"

                --i
                Content-Type: text/plain

                inner text
                --i
                Content-Type: image/png; name="bild.png"

                png
                --i--
                --o--
                """;
        assertEquals(
                List.of("1", "2"),
                walk(mail, false).stream().map(s -> s.part().path()).toList());
        assertEquals("message/rfc822", walk(mail, false).get(1).part().mimeType());
        List<Seen> opened = walk(mail, true);
        assertEquals(
                List.of("1", "2.1", "2.2"),
                opened.stream().map(s -> s.part().path()).toList());
        assertEquals("bild.png", opened.get(2).part().fileName());
    }

    @Test
    void encodedWordsInFileNamesAreDecoded() throws Exception {
        List<Seen> seen = walk("""
                Content-Type: application/pdf; name="=?UTF-8?Q?Befund_M=C3=A4rz.pdf?="
                Content-Transfer-Encoding: base64

                JVBERg==
                """, false);
        assertEquals("Befund März.pdf", seen.get(0).part().fileName());
        assertEquals("1", seen.get(0).part().path());
        assertEquals("%PDF", seen.get(0).content());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        StringBuilder mail = new StringBuilder();
        for (int i = 0; i <= LenientMime.MAX_DEPTH; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i)
                    .append("\"\n\n--b")
                    .append(i)
                    .append('\n');
        }
        mail.append("Content-Type: text/plain\n\nx\n");
        MimeException e = assertThrows(MimeException.class, () -> walk(mail.toString(), false));
        assertTrue(e.getMessage().contains("deeper than " + LenientMime.MAX_DEPTH));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // encoded | decoded | damaged
                "SGFsbG8= | Hallo | false",
                "SGFsbG8 | Hallo | false",
                "SGFs bG8= | Hallo | false",
                "SGF!sbG*8 | Hallo | true",
                "SGFsbG8hIQ | Hallo!! | false",
                "SGFsbG8hIQ==SGFsbG8= | Hallo!!Hallo | false",
                "SGFsbG8hI | Hallo! | true",
                "SGFsbG8hIQ==S | Hallo!! | true",
            })
    void base64IsDecodedWhatEverTheSenderGotWrong(String encoded, String decoded, boolean damaged) throws IOException {
        LenientMime.Decoding decoding = new LenientMime.Decoding();
        byte[] bytes = new LenientBase64(
                        new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)), decoding)
                .readAllBytes();
        assertEquals(decoded, new String(bytes, StandardCharsets.US_ASCII));
        assertEquals(damaged, decoding.damaged());
    }

    @Test
    void base64OfAnyLengthRoundTrips() throws IOException {
        for (int n = 0; n < 70; n++) {
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (i * 37 + 11);
            }
            String mime = Base64.getMimeEncoder().encodeToString(data);
            LenientMime.Decoding decoding = new LenientMime.Decoding();
            assertArrayEquals(
                    data,
                    new LenientBase64(new ByteArrayInputStream(mime.getBytes(StandardCharsets.US_ASCII)), decoding)
                            .readAllBytes(),
                    "length " + n);
            assertFalse(decoding.damaged());
        }
    }

    @Test
    void quotedPrintableWithBrokenEscapesIsDecodedAndMarkedDamaged() throws Exception {
        List<Seen> seen = walk("""
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                ge=C3=B6ffnet =ZZ
                """, false);
        assertTrue(seen.get(0).content().startsWith("geöffnet "), seen.get(0).content());
    }

    @Test
    void onlyBoundariesThatNeverOccurAreRepaired() throws IOException {
        Map<String, String> repairs =
                Boundaries.repairs(new ByteArrayInputStream("""
                Content-Type: multipart/mixed; boundary="good"

                --good
                Content-Type: multipart/alternative; boundary=bad

                --actual
                text
                --actual--
                --good--
                """.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Map.of("bad", "actual"), repairs);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "--abc | abc",
                "--abc-- | abc",
                "'--abc  ' | abc",
                "'-- ' | null",
                "---------- | null",
                "text | null",
            })
    void delimiterLinesAreRecognised(String line, String token) {
        assertEquals(token, Boundaries.delimiter(line));
    }

    @Test
    void aLeafWithoutHeadersIsTextOfTheTopLevel() throws Exception {
        List<Seen> seen = walk("Subject: x\n\nnur Text\n", false);
        assertEquals("1", seen.get(0).part().path());
        assertEquals("text/plain", seen.get(0).part().mimeType());
        assertNull(seen.get(0).part().fileName());
    }
}
