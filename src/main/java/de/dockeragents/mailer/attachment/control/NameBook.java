package de.dockeragents.mailer.attachment.control;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names taken within one mail's directory. Compared without case, because the storage volume
 * may be shared with Windows, where {@code a.pdf} and {@code A.PDF} are one file.
 */
public final class NameBook {

    private final Set<String> taken = new HashSet<>();

    /** The name itself if free, else {@code name (2).ext}, {@code name (3).ext}, ... within the length bound. */
    public String claim(String safeName) {
        String ext = FileNames.extension(safeName);
        String suffix = ext.isEmpty() ? "" : safeName.substring(safeName.length() - ext.length() - 1);
        String stem = safeName.substring(0, safeName.length() - suffix.length());
        String candidate = safeName;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            String marker = " (" + n + ")" + suffix;
            String cut = stem;
            while (!cut.isEmpty() && FileNames.utf8(cut + marker) > FileNames.MAX_BYTES) {
                cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
            }
            candidate = cut + marker;
        }
        return candidate;
    }
}
