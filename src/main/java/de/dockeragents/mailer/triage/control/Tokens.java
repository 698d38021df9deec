package de.dockeragents.mailer.triage.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A text as the safety rules read it: words reduced to a skeleton so that the ways people spell one
 * word meet, each with the sentence and clause it stands in. The skeleton folds case, accents,
 * umlauts and their ae/oe/ue spelling (ä, ae and a are one letter), ß/ss/s, doubled letters
 * ("Bewußtlos", "bewusstlos" and "bewustlos" are one word), and drops apostrophes inside words
 * ("can't" is "cant"). Sentences end at . ! ? ; and blank lines; clauses also at , : brackets and
 * dashes. A hyphen or slash inside a word splits it without ending the clause.
 * <p>
 * The rules look words up instead of scanning: the distinct words are indexed once (a mail of a
 * megabyte has some ten thousand), and each term's matches are found once per text, however many
 * rules use it. Not thread-safe: one instance per evaluation.
 */
public final class Tokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final String[] forms;
    private final int[] sentence;
    private final int[] clause;
    private final int[] part;
    private TreeMap<String, int[]> index;
    private final Map<String, int[]> starts = new HashMap<>();
    private final Map<String, List<int[]>> matches = new HashMap<>();
    private final Map<String, boolean[]> flags = new HashMap<>();

    private Tokens(String[] forms, int[] sentence, int[] clause, int[] part) {
        this.forms = forms;
        this.sentence = sentence;
        this.clause = clause;
        this.part = part;
    }

    /** The texts one after the other, each starting a new sentence (e.g. subject and body); see {@link #part}. */
    public static Tokens of(String... texts) {
        Builder b = new Builder(false);
        for (String t : texts) {
            b.read(Keywords.normalise(t));
            b.sentence();
            b.part++;
        }
        return b.build();
    }

    /** A rule's term: like a text, but {@code #} (a digit) counts as a letter. */
    static Tokens pattern(String term) {
        Builder b = new Builder(true);
        b.read(Keywords.normalise(term));
        return b.build();
    }

    public int size() {
        return forms.length;
    }

    public String form(int i) {
        return forms[i];
    }

    public int sentence(int i) {
        return sentence[i];
    }

    public int clause(int i) {
        return clause[i];
    }

    /** Which of the texts given to {@link #of} the token comes from (0: the subject, 1: the body). */
    public int part(int i) {
        return part[i];
    }

    /** These tokens with the given ones blanked: they keep their place but match nothing. */
    Tokens without(boolean[] removed) {
        String[] f = forms.clone();
        for (int i = 0; i < f.length; i++) {
            if (removed[i]) {
                f[i] = "";
            }
        }
        return new Tokens(f, sentence, clause, part);
    }

    /** The positions of the words a predicate accepts, looked up once per {@code key}, ascending. */
    int[] positions(String key, String prefix, Predicate<String> accepts) {
        return starts.computeIfAbsent(key, k -> {
            TreeMap<String, int[]> idx = index();
            var candidates = prefix == null ? idx : idx.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
            List<int[]> found = new ArrayList<>();
            int n = 0;
            for (var e : candidates.entrySet()) {
                if (accepts.test(e.getKey())) {
                    found.add(e.getValue());
                    n += e.getValue().length;
                }
            }
            int[] all = new int[n];
            int k2 = 0;
            for (int[] f : found) {
                System.arraycopy(f, 0, all, k2, f.length);
                k2 += f.length;
            }
            Arrays.sort(all);
            return all;
        });
    }

    /** A term's matches in this text, computed once per term text. */
    List<int[]> matches(String term, Function<Tokens, List<int[]>> find) {
        List<int[]> m = matches.get(term);
        if (m == null) {
            m = find.apply(this);
            matches.put(term, m);
        }
        return m;
    }

    private TreeMap<String, int[]> index() {
        if (index == null) {
            Map<String, List<Integer>> at = new HashMap<>();
            for (int i = 0; i < forms.length; i++) {
                if (!forms[i].isEmpty()) {
                    at.computeIfAbsent(forms[i], k -> new ArrayList<>()).add(i);
                }
            }
            index = new TreeMap<>();
            at.forEach((k, v) ->
                    index.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        }
        return index;
    }

    public List<String> forms() {
        return Arrays.asList(forms.clone());
    }

    /** The skeleton of one word of lower-case letters and digits. */
    static String skeleton(String word) {
        String s = word;
        if (!ascii(s)) {
            s = Normalizer.normalize(s.replace("ß", "ss"), Normalizer.Form.NFD);
            s = MARKS.matcher(s).replaceAll("");
        }
        s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i > 0 && c == s.charAt(i - 1) && Character.isLetter(c)) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** Which tokens some single-word terms match, found once per text and key. */
    boolean[] flags(String key, List<Term> words) {
        return flags.computeIfAbsent(key, k -> {
            boolean[] f = new boolean[forms.length];
            for (Term w : words) {
                for (int[] m : w.find(this)) {
                    f[m[0]] = true;
                }
            }
            return f;
        });
    }

    private static final class Builder {
        private final boolean pattern;
        private final List<String> forms = new ArrayList<>();
        private final List<Integer> sentences = new ArrayList<>();
        private final List<Integer> clauses = new ArrayList<>();
        private final List<Integer> parts = new ArrayList<>();
        private int part;
        private final StringBuilder word = new StringBuilder();
        private int sentence;
        private int clause;

        Builder(boolean pattern) {
            this.pattern = pattern;
        }

        void read(String s) {
            int newlines = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                char prev = i > 0 ? s.charAt(i - 1) : ' ';
                char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if (c == '\n') {
                    end();
                    if (++newlines >= 2) {
                        sentence();
                    }
                    continue;
                }
                if (!Character.isWhitespace(c)) {
                    newlines = 0;
                }
                if (Character.isLetterOrDigit(c) || (pattern && c == '#')) {
                    word.append(c);
                } else if (isApostrophe(c) && Character.isLetter(prev) && Character.isLetter(next)) {
                    // can't -> cant: joined, not split
                } else if ((c == '.' || c == ',') && digit(prev) && digit(next)) {
                    word.append(c); // 38,5 and 38.5 are one token
                } else if ((c == '-' || c == '/' || c == '\u2010' || c == '\u2011')
                        && Character.isLetterOrDigit(prev)
                        && Character.isLetterOrDigit(next)) {
                    end(); // Brust-Schmerzen: two words, one clause
                } else if (c == '.' && ordinal(s, i)) {
                    end(); // "in der 36. Woche", "am 3. März": no sentence ends here
                } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\u2026') {
                    sentence();
                } else if (c == ','
                        || c == ':'
                        || c == '('
                        || c == ')'
                        || c == '['
                        || c == ']'
                        || c == '"'
                        || c == '\u201c'
                        || c == '\u201d'
                        || c == '\u201e'
                        || c == '\u00ab'
                        || c == '\u00bb'
                        || c == '-'
                        || c == '\u2013'
                        || c == '\u2014'
                        || c == '|'
                        || c == '\u2022') {
                    clause();
                } else {
                    end();
                }
            }
            end();
        }

        /** A dot after a number of one or two digits, followed by a space and a word. */
        private static boolean ordinal(String s, int i) {
            int digits = 0;
            for (int k = i - 1; k >= 0 && Character.isDigit(s.charAt(k)); k--) {
                digits++;
            }
            boolean startsNumber = i - digits == 0 || !Character.isLetterOrDigit(s.charAt(i - digits - 1));
            return digits >= 1
                    && digits <= 2
                    && startsNumber
                    && i + 2 < s.length()
                    && s.charAt(i + 1) == ' '
                    && Character.isLetter(s.charAt(i + 2));
        }

        private boolean digit(char c) {
            return Character.isDigit(c) || (pattern && c == '#');
        }

        private static boolean isApostrophe(char c) {
            return c == '\'' || c == '\u2019' || c == '\u02bc' || c == '`' || c == '\u00b4';
        }

        void end() {
            if (!word.isEmpty()) {
                forms.add(skeleton(word.toString()));
                sentences.add(sentence);
                clauses.add(clause);
                parts.add(part);
                word.setLength(0);
            }
        }

        void clause() {
            end();
            clause++;
        }

        void sentence() {
            end();
            sentence++;
            clause++;
        }

        Tokens build() {
            end();
            return new Tokens(
                    forms.toArray(String[]::new),
                    sentences.stream().mapToInt(Integer::intValue).toArray(),
                    clauses.stream().mapToInt(Integer::intValue).toArray(),
                    parts.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
