package de.dockeragents.mailer.attachment.control;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The types an operator can allow, by their usual name ({@code pdf}, {@code jpg}, ...): the media
 * types content detection yields for them, and the extensions that agree (the first is the one a
 * name without extension gets).
 */
public enum FileType {
    PDF(Set.of("application/pdf"), "pdf"),
    PNG(Set.of("image/png"), "png"),
    JPG(Set.of("image/jpeg"), "jpg", "jpeg", "jpe", "jfif"),
    GIF(Set.of("image/gif"), "gif"),
    TIFF(Set.of("image/tiff"), "tif", "tiff"),
    WEBP(Set.of("image/webp"), "webp"),
    HEIC(Set.of("image/heic", "image/heif"), "heic", "heif"),
    DOCX(Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "docx"),
    XLSX(Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx"),
    PPTX(Set.of("application/vnd.openxmlformats-officedocument.presentationml.presentation"), "pptx"),
    ODT(Set.of("application/vnd.oasis.opendocument.text"), "odt"),
    ODS(Set.of("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
    TXT(Set.of("text/plain"), "txt"),
    // content detection cannot tell CSV from other text
    CSV(Set.of("text/plain", "text/csv"), "csv"),
    ZIP(Set.of("application/zip"), "zip");

    private final Set<String> mediaTypes;
    private final List<String> extensions;

    FileType(Set<String> mediaTypes, String... extensions) {
        this.mediaTypes = mediaTypes;
        this.extensions = List.of(extensions);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String canonicalExtension() {
        return extensions.get(0);
    }

    public boolean detectedAs(String mediaType) {
        return mediaTypes.contains(mediaType);
    }

    public boolean namedBy(String extension) {
        return extensions.contains(extension);
    }

    public static Optional<FileType> byLabel(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.label().equals(l) || t.namedBy(l))
                .findFirst();
    }

    public static List<FileType> byMediaType(String mediaType) {
        return Arrays.stream(values()).filter(t -> t.detectedAs(mediaType)).toList();
    }

    public static Optional<FileType> byExtension(String extension) {
        return Arrays.stream(values()).filter(t -> t.namedBy(extension)).findFirst();
    }
}
