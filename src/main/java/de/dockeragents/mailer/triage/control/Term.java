package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One term of a safety list: words matched on consecutive tokens of one clause, each compared as a
 * skeleton ({@link Tokens}). A word is matched whole ({@code arm} is not "Armband"); {@code stech*}
 * matches a word start, {@code *schmerz} a word end, {@code *schmerz*} a word part; {@code *} alone
 * is any one word, {@code ~3} up to three words ("nacken ~2 steif" is "Nacken ist ganz steif"),
 * {@code #} any digit ({@code 3#,#} is "38,5").
 */
public final class Term {

    /** One word of the term; {@code gap} > 0: not a word but up to that many words of any kind. */
    private record Word(String core, boolean anyStart, boolean anyEnd, Pattern digits, int gap) {

        Word(String core, boolean anyStart, boolean anyEnd, Pattern digits) {
            this(core, anyStart, anyEnd, digits, 0);
        }

        boolean matches(String form) {
            if (form.isEmpty()) {
                return false; // a removed token
            }
            if (core.isEmpty()) {
                return true;
            }
            if (digits != null) {
                return digits.matcher(form).matches();
            }
            if (anyStart && anyEnd) {
                return form.contains(core);
            }
            if (anyStart) {
                return form.endsWith(core);
            }
            if (anyEnd) {
                return form.startsWith(core);
            }
            return form.equals(core);
        }
    }

    private final String text;
    private final List<Word> words;

    private Term(String text, List<Word> words) {
        this.text = text;
        this.words = List.copyOf(words);
    }

    public static Term of(String text) {
        List<Word> words = new ArrayList<>();
        for (String raw : text.strip().split("\\s+")) {
            if (raw.equals("*")) {
                words.add(new Word("", true, true, null));
                continue;
            }
            if (raw.matches("~[1-9]")) {
                if (words.isEmpty()) {
                    throw new IllegalArgumentException("bad term '" + text + "': a gap cannot come first");
                }
                words.add(new Word("", false, false, null, raw.charAt(1) - '0'));
                continue;
            }
            boolean anyStart = raw.startsWith("*");
            boolean anyEnd = raw.endsWith("*") && raw.length() > 1;
            String core = raw.substring(anyStart ? 1 : 0, raw.length() - (anyEnd ? 1 : 0));
            List<String> parts = Tokens.pattern(core).forms();
            if (parts.isEmpty() || core.contains("*")) {
                throw new IllegalArgumentException("bad term '" + text + "': '" + raw + "' is no word");
            }
            for (int i = 0; i < parts.size(); i++) {
                boolean s = i == 0 && anyStart;
                boolean e = i == parts.size() - 1 && anyEnd;
                String p = parts.get(i);
                words.add(new Word(p, s, e, p.contains("#") ? digits(p, s, e) : null));
            }
        }
        if (words.isEmpty() || words.stream().allMatch(w -> w.core().isEmpty())) {
            throw new IllegalArgumentException("bad term '" + text + "': no word");
        }
        if (words.get(words.size() - 1).gap() > 0) {
            throw new IllegalArgumentException("bad term '" + text + "': a gap cannot come last");
        }
        return new Term(text, words);
    }

    private static Pattern digits(String core, boolean anyStart, boolean anyEnd) {
        StringBuilder re = new StringBuilder(anyStart ? ".*" : "");
        for (String piece : core.split("#", -1)) {
            re.append(Pattern.quote(piece)).append("\\d");
        }
        re.setLength(re.length() - 2);
        return Pattern.compile(re + (anyEnd ? ".*" : ""));
    }

    /** Every match in the text as {start, end (exclusive)}, ascending; looked up, not scanned. */
    public List<int[]> find(Tokens t) {
        return t.matches(text, tokens -> {
            Word first = words.get(0);
            int[] starts;
            if (first.core().isEmpty()) {
                starts = java.util.stream.IntStream.range(0, tokens.size()).toArray();
            } else {
                String key = (first.anyStart() ? "*" : "") + first.core() + (first.anyEnd() ? "*" : "");
                String prefix = first.anyStart() || first.digits() != null ? null : first.core();
                starts = tokens.positions(key, prefix, first::matches);
            }
            List<int[]> out = new ArrayList<>();
            for (int i : starts) {
                int end = matchAt(tokens, i);
                if (end > 0) {
                    out.add(new int[] {i, end});
                }
            }
            return out;
        });
    }

    /** The end (exclusive) of this term's shortest match starting at token {@code i}, or -1. */
    public int matchAt(Tokens t, int i) {
        return i < t.size() ? match(t, 0, i, t.clause(i)) : -1;
    }

    private int match(Tokens t, int k, int i, int clause) {
        if (k == words.size()) {
            return i;
        }
        Word w = words.get(k);
        if (w.gap() > 0) {
            for (int skip = 0; skip <= w.gap(); skip++) {
                int end = match(t, k + 1, i + skip, clause);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (i >= t.size() || t.clause(i) != clause || !w.matches(t.form(i))) {
            return -1;
        }
        return match(t, k + 1, i + 1, clause);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
