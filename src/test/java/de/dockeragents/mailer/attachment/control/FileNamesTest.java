package de.dockeragents.mailer.attachment.control;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "../../etc/passwd | passwd",
                "..\\..\\windows\\system32\\cmd.exe | cmd.exe",
                "/absolute/path/Befund.pdf | Befund.pdf",
                "C:\\Users\\x\\Befund.pdf | Befund.pdf",
                ".. | attachment",
                "... | attachment",
                ".hidden.pdf | hidden.pdf",
                "report..pdf | report.pdf",
                "name. . . | name",
                "CON | _CON",
                "con.pdf | _con.pdf",
                "LPT1.txt | _LPT1.txt",
                "COM9 | _COM9",
                "console.pdf | console.pdf",
                "'   spaced    out  .pdf' | spaced out .pdf",
            })
    void hostileNamesBecomeSafe(String raw, String expected) {
        assertEquals(expected, FileNames.safe(raw));
    }

    @Test
    void reservedCharactersAreReplaced() {
        assertEquals("a_b_c_d_e_f_g_h.pdf", FileNames.safe("a<b>c:d\"e|f?g*h.pdf"));
    }

    @Test
    void controlAndBidiCharactersAreRemoved() {
        // U+202E turns "invoice\u202Efdp.exe" into what looks like "invoiceexe.pdf"
        assertEquals("invoicefdp.exe", FileNames.safe("invoice\u202Efdp.exe"));
        assertEquals("ab.pdf", FileNames.safe("a\u0000\u0007\nb.pdf"));
        assertEquals("ab.pdf", FileNames.safe("a\u200Bb.pdf"));
    }

    @Test
    void everyBidiControlIsRemovedSoTheRealExtensionShows() {
        // embeddings, overrides, isolates and marks: each can reorder what a person sees
        for (char c : "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C".toCharArray()) {
            assertEquals("Rechnungfdp.exe", FileNames.safe("Rechnung" + c + "fdp.exe"), Integer.toHexString(c));
        }
    }

    @Test
    void replacementCharactersAndControlPicturesAreRemoved() {
        // U+FFFD is what a failed decoding leaves, U+2400..U+243F what some clients show for control characters
        assertEquals("Befund.pdf", FileNames.safe("Be\uFFFDfund\u2400.pdf"));
        assertEquals("Befund.pdf", FileNames.safe("\u241BBefund\u2424\uFFFC.pdf"));
        assertEquals(FileNames.FALLBACK, FileNames.safe("\uFFFD\uFFFD\uFFFD"));
        assertEquals("Befund.pdf", FileNames.display("Be\uFFFDfund\u2400.pdf"));
    }

    @Test
    void invisibleCharactersAreRemoved() {
        // zero width, word joiner, byte order mark, soft hyphen, tags, Hangul fillers, braille blank, variation
        // selectors
        assertEquals("ab.pdf", FileNames.safe("a\u200C\u200D\u2060\uFEFF\u00ADb.pdf"));
        assertEquals("ab.pdf", FileNames.safe("a\uDB40\uDC41b.pdf"));
        assertEquals("ab.pdf", FileNames.safe("a\u3164\u115F\u1160\uFFA0\u2800\u034F\uFE0Fb.pdf"));
        assertEquals(FileNames.FALLBACK, FileNames.safe("\u3164\u3164.\u2800"));
    }

    @Test
    void everyKindOfSpaceBecomesOnePlainSpace() {
        // no-break, em, thin, narrow no-break, ideographic: a run of them must not push the extension out of sight
        assertEquals("Befund .pdf.exe", FileNames.safe("Befund\u00A0\u2003\u2009\u202F\u3000.pdf.exe"));
        assertEquals("Befund", FileNames.safe("\u00A0Befund\u3000"));
    }

    @Test
    void unicodeIsNormalisedToNfc() {
        String decomposed = Normalizer.normalize("Überweisung.pdf", Normalizer.Form.NFD);
        String safe = FileNames.safe(decomposed);
        assertEquals("Überweisung.pdf", safe);
        assertTrue(Normalizer.isNormalized(safe, Normalizer.Form.NFC));
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String safe = FileNames.safe("ä".repeat(400) + ".pdf");
        assertTrue(safe.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, safe);
        assertTrue(safe.endsWith(".pdf"));
        assertFalse(safe.contains("\uFFFD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u0000", "/", "\\\\", "./.", "\u202E"})
    void emptyResultsFallBack(String raw) {
        assertEquals(FileNames.FALLBACK, FileNames.safe(raw));
    }

    @Test
    void nullFallsBack() {
        assertEquals(FileNames.FALLBACK, FileNames.safe(null));
    }

    @Test
    void collisionsAreNumberedWithoutRegardToCase() {
        NameBook book = new NameBook();
        assertEquals("Befund.pdf", book.claim("Befund.pdf"));
        assertEquals("befund (2).pdf", book.claim("befund.pdf"));
        assertEquals("Befund (3).pdf", book.claim("Befund.pdf"));
        assertEquals("attachment", book.claim("attachment"));
        assertEquals("attachment (2)", book.claim("attachment"));
    }

    @Test
    void collisionsOfMaximalNamesStayWithinTheBound() {
        NameBook book = new NameBook();
        String longName = FileNames.safe("x".repeat(300) + ".pdf");
        book.claim(longName);
        String second = book.claim(longName);
        assertTrue(second.endsWith(" (2).pdf"), second);
        assertTrue(second.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES);
    }

    @Test
    void extensionIsLowerCaseAndOnlyAfterTheLastDot() {
        assertEquals("pdf", FileNames.extension("Scan.Final.PDF"));
        assertEquals("", FileNames.extension("README"));
        assertEquals("", FileNames.extension(".bashrc"));
    }
}
