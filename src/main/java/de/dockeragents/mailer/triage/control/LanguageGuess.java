package de.dockeragents.mailer.triage.control;

import java.util.Set;
import java.util.regex.Pattern;

/** German or English by common words; good enough to pick a template when the model is away. */
public final class LanguageGuess {

    private static final Set<String> GERMAN = Set.of("der", "die", "das", "und", "ich", "nicht", "mit", "ist", "ein",
            "eine", "bitte", "sie", "ihr", "wir", "mein", "meine", "für", "auf", "danke", "termin", "vielen", "grüße",
            "hallo", "sehr", "geehrte", "können", "würde", "habe", "noch", "auch", "wie", "zu", "den", "dem");
    private static final Set<String> ENGLISH = Set.of("the", "and", "i", "not", "with", "is", "a", "an", "please",
            "you", "we", "my", "for", "on", "thanks", "thank", "appointment", "regards", "hello", "dear", "can",
            "would", "have", "still", "also", "how", "to", "of", "it", "this", "that");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}]+");

    private LanguageGuess() {
    }

    /** "de", "en" or "other". */
    public static String of(String normalised) {
        int de = 0, en = 0;
        for (String w : WORD.split(normalised)) {
            if (GERMAN.contains(w)) {
                de++;
            }
            if (ENGLISH.contains(w)) {
                en++;
            }
        }
        if (de == 0 && en == 0) {
            return normalised.matches("(?s).*[äöüß].*") ? "de" : "other";
        }
        return de >= en ? "de" : "en";
    }
}
