package de.dockeragents.mailer.triage.control;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of lower-case keywords matched at word starts ("brustschmerz" finds "Brustschmerzen").
 * Text is normalised first so simple obfuscation does not hide a keyword: Unicode compatibility
 * forms, invisible characters, soft hyphens and runs of white space; umlauts and ß meet their
 * transliteration ("Überweisung" and "Ueberweisung", "Grüße" and "Gruesse" are the same word).
 */
public final class Keywords {

    private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B-\\u200F\\u2060\\uFEFF]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final List<String> words;
    private final Pattern pattern;

    public Keywords(List<String> words) {
        this.words = words.stream()
                .map(Keywords::normalise)
                .filter(w -> !w.isBlank())
                .toList();
        this.pattern = this.words.isEmpty()
                ? null
                : Pattern.compile(this.words.stream()
                        .map(w -> Pattern.quote(fold(w)))
                        .distinct()
                        .collect(Collectors.joining("|", "(?<![\\p{L}\\p{N}])(?:", ")")));
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = INVISIBLE.matcher(s).replaceAll("");
        return SPACE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /** ä, ö, ü and ß as ae, oe, ue and ss, so either spelling meets the other. */
    static String fold(String normalised) {
        return normalised
                .replace("ä", "ae")
                .replace("ö", "oe")
                .replace("ü", "ue")
                .replace("ß", "ss");
    }

    /** How often any keyword occurs in already normalised text. */
    public int count(String normalised) {
        if (pattern == null) {
            return 0;
        }
        Matcher m = pattern.matcher(fold(normalised));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public boolean foundIn(String normalised) {
        return pattern != null && pattern.matcher(fold(normalised)).find();
    }

    public List<String> words() {
        return words;
    }
}
