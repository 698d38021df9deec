package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.dockeragents.mailer.attachment.Samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeCheckTest {

    @TempDir
    Path dir;

    private final TypeDetector detector = new TypeDetector();
    private final TypeCheck check =
            new TypeCheck(EnumSet.of(FileType.PDF, FileType.PNG, FileType.JPG, FileType.DOCX, FileType.XLSX));

    @Test
    void typesAreDetectedByContentAlone() throws IOException {
        // the work files have no telling names: detection must not need one
        assertEquals("application/pdf", detect(Samples.pdf()));
        assertEquals("image/png", detect(Samples.png()));
        assertEquals("image/jpeg", detect(Samples.jpg()));
        assertEquals(TypeDetector.DOCX, detect(Samples.docx(false)));
        assertEquals(TypeDetector.XLSX, detect(Samples.xlsx()));
        assertEquals(TypeDetector.MACRO_OFFICE, detect(Samples.docx(true)));
        assertEquals("application/zip", detect(Samples.plainZip()));
        assertEquals("text/plain", detect(Samples.eicar()));
    }

    @Test
    void matchingExtensionOfAnAllowedTypePasses() throws IOException {
        var j = check.judge(detect(Samples.pdf()), "Befund.PDF");
        assertTrue(j.allowed());
        assertEquals(FileType.PDF, j.type());
        assertEquals("Befund.PDF", j.fileName());
        assertTrue(check.judge(detect(Samples.jpg()), "foto.jpeg").allowed());
        assertTrue(check.judge(detect(Samples.docx(false)), "brief.docx").allowed());
    }

    @Test
    void extensionThatContradictsTheContentIsRejected() throws IOException {
        var j = check.judge(detect(Samples.png()), "rechnung.pdf");
        assertEquals("extension .pdf does not match the content (image/png)", j.reason());
        var zipAsDocx = check.judge(detect(Samples.plainZip()), "brief.docx");
        assertTrue(zipAsDocx.reason().startsWith("extension .docx does not match"), zipAsDocx.reason());
        var textAsPdf = check.judge(detect(Samples.eicar()), "rechnung.pdf");
        assertTrue(textAsPdf.reason().contains("text/plain"));
    }

    @Test
    void disallowedTypesAreRejectedEvenWithTheRightExtension() throws IOException {
        var j = check.judge(detect(Samples.plainZip()), "archiv.zip");
        assertEquals(FileType.ZIP, j.type());
        assertTrue(j.reason().startsWith("type zip is not allowed"), j.reason());
        assertTrue(
                check.judge(detect(Samples.docx(true)), "brief.docx").reason().contains("macros"));
        assertTrue(check.judge("application/x-msdownload", "setup.exe").reason().contains("not an allowed type"));
        assertTrue(
                check.judge("application/vnd.ms-tnef", "winmail.dat").reason().contains("TNEF"));
    }

    @Test
    void aNameWithoutExtensionGetsTheTypesOwn() throws IOException {
        var j = check.judge(detect(Samples.pdf()), "scan");
        assertNull(j.reason());
        assertEquals("scan.pdf", j.fileName());
    }

    private String detect(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "part-", ".bin");
        Files.write(f, content);
        return detector.detect(f);
    }
}
