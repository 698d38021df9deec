package de.dockeragents.mailer.triage.control;

import java.util.List;
import java.util.regex.Pattern;

import de.dockeragents.mailer.platform.control.Language;

/**
 * One of the profile's languages by common words (ties go to the one listed first), else by letters
 * only it has, else "other"; good enough to pick a template when the model is away.
 */
public final class LanguageGuess {

    private static final Pattern WORD = Pattern.compile("[^\\p{L}]+");

    private final List<Language> languages;

    public LanguageGuess(List<Language> languages) {
        this.languages = List.copyOf(languages);
    }

    /** A code of the profile's languages, or {@link Language#OTHER}; {@code normalised}: lower case. */
    public String of(String normalised) {
        int[] counts = new int[languages.size()];
        for (String w : WORD.split(normalised)) {
            for (int i = 0; i < counts.length; i++) {
                if (languages.get(i).words().contains(w)) {
                    counts[i]++;
                }
            }
        }
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            return languages.get(best).code();
        }
        for (Language l : languages) {
            if (!l.letters().isEmpty()
                    && normalised.chars().anyMatch(c -> l.letters().indexOf(c) >= 0)) {
                return l.code();
            }
        }
        return Language.OTHER;
    }
}
