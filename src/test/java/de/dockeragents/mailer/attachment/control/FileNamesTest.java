package de.dockeragents.mailer.attachment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
    @ValueSource(strings = { "", " ", "\u0000", "/", "\\\\", "./.", "\u202E" })
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
