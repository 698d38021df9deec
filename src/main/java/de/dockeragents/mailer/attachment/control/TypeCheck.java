package de.dockeragents.mailer.attachment.control;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a file may be kept: its type by content must be allowed and agree with the extension
 * of its name. A name without extension gets the type's usual one.
 */
public final class TypeCheck {

    /** The verdict: the file's type (null if none of ours), its final name, and why not (null if fine). */
    public record Judgement(FileType type, String fileName, String reason) {

        public boolean allowed() {
            return reason == null;
        }
    }

    private final Set<FileType> allowed;

    public TypeCheck(Set<FileType> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public Judgement judge(String mediaType, String safeName) {
        if (mediaType.equals("application/vnd.ms-tnef")) {
            return new Judgement(null, safeName, "winmail.dat (TNEF) container: not unpacked, not allowed");
        }
        if (mediaType.equals(TypeDetector.MACRO_OFFICE)) {
            return new Judgement(null, safeName, "Office document with macros is not allowed");
        }
        List<FileType> candidates = FileType.byMediaType(mediaType);
        String ext = FileNames.extension(safeName);
        if (!ext.isEmpty()) {
            FileType match =
                    candidates.stream().filter(t -> t.namedBy(ext)).findFirst().orElse(null);
            if (match == null) {
                return new Judgement(
                        candidates.isEmpty() ? null : candidates.get(0),
                        safeName,
                        FileType.byExtension(ext).isPresent()
                                ? "extension ." + ext + " does not match the content (" + mediaType + ")"
                                : "content " + mediaType + " is not an allowed type");
            }
            return allowed.contains(match)
                    ? new Judgement(match, safeName, null)
                    : new Judgement(
                            match, safeName, "type " + match.label() + " is not allowed (allowed: " + labels() + ")");
        }
        if (candidates.isEmpty()) {
            return new Judgement(null, safeName, "content " + mediaType + " is not an allowed type");
        }
        return candidates.stream()
                .filter(allowed::contains)
                .findFirst()
                .map(t -> new Judgement(t, FileNames.bounded(safeName + "." + t.canonicalExtension()), null))
                .orElse(new Judgement(
                        candidates.get(0),
                        safeName,
                        "type " + candidates.get(0).label() + " is not allowed (allowed: " + labels() + ")"));
    }

    private String labels() {
        return allowed.stream().map(FileType::label).sorted().collect(Collectors.joining(", "));
    }
}
