package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * The media type of a file judged by its bytes alone: Tika's magic-byte detector, never given the
 * name. A ZIP container is opened to tell Office documents apart, and macro-enabled ones from
 * plain ones, since a {@code .docx} with macros is the classic way in.
 */
public final class TypeDetector {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String MACRO_OFFICE = "application/vnd.ms-office.macroenabled";

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    public String detect(Path file) throws IOException {
        String type;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            type = mimeTypes.detect(in, new Metadata()).getBaseType().toString();
        }
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml")) {
            return office(file, type);
        }
        return type;
    }

    private static String office(Path file, String fallback) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) {
                return "application/zip";
            }
            String kind = zip.getEntry("word/document.xml") != null
                    ? DOCX
                    : zip.getEntry("xl/workbook.xml") != null
                            ? XLSX
                            : zip.getEntry("ppt/presentation.xml") != null ? PPTX : "application/x-tika-ooxml";
            boolean macros = zip.stream()
                    .anyMatch(
                            e -> e.getName().toLowerCase(java.util.Locale.ROOT).endsWith("vbaproject.bin"));
            return macros ? MACRO_OFFICE : kind;
        } catch (IOException e) {
            return fallback.equals("application/x-tika-ooxml") ? "application/zip" : fallback;
        }
    }
}
