package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When one safety rule fires, as its data says: any of its {@code terms}, or any of its {@code near}
 * groups (a term of every group within a few words of each other). An occurrence does not count when
 * a negation stands right before it ("keine Atemnot", "no chest pain", fillers like "starken" or
 * "any" in between); when one of the rule's {@code unless} terms covers the occurrence itself (a
 * look-alike: "food poisoning", "im Notfall"); or when an {@code unless} term stands in the same
 * sentence within {@code reach} words — except when a "current" term ("immer noch", "seit einer
 * Stunde", "right now") stands there too. So an exclusion only ever removes the one occurrence it is
 * next to: a phrase appended elsewhere in a mail cannot silence a symptom named in another sentence.
 * <p>
 * The subject is the body's title: an occurrence in the subject alone ("Brustschmerzen") counts,
 * unless the body names the same thing and every occurrence there is excluded ("Termin wegen
 * Brustschmerzen letzte Woche, jetzt gut"); then the subject's does not count either.
 */
public final class SafetyMatch {

    /** Words and terms shared by every rule of a profile's safety list. */
    public record Context(List<Term> negation, List<Term> fillers, List<Term> current, int negationReach) {}

    /** Terms of which one must stand within {@code within} words (gaps between them) of one of each other group. */
    public record Near(int within, List<List<Term>> groups) {}

    /** Where a rule fired, and by which term(s), for tests and the benchmark; never logged. */
    public record Hit(String term, int start, int end) {}

    private record Span(int start, int end, String term, boolean negated) {

        Span(int start, int end, String term) {
            this(start, end, term, false);
        }

        Span asNegated() {
            return new Span(start, end, term, true);
        }
    }

    private final List<Term> terms;
    private final List<Near> near;
    private final List<Term> unless;
    private final int reach;
    private final Context context;

    public SafetyMatch(List<Term> terms, List<Near> near, List<Term> unless, int reach, Context context) {
        this.terms = List.copyOf(terms);
        this.near = List.copyOf(near);
        this.unless = List.copyOf(unless);
        this.reach = reach;
        this.context = context;
    }

    public boolean firesIn(Tokens t) {
        return first(t).isPresent();
    }

    /** The first occurrence that counts, if any. */
    public Optional<Hit> first(Tokens t) {
        Exclusions ex = new Exclusions(t);
        Span subjectOnly = null;
        boolean inBody = false;
        for (Span s : candidates(t)) {
            boolean subject = t.part(s.end() - 1) == 0;
            inBody |= !subject;
            if (!s.negated() && !ex.excludes(s)) {
                if (!subject) {
                    return Optional.of(new Hit(s.term(), s.start(), s.end()));
                }
                subjectOnly = subjectOnly == null ? s : subjectOnly;
            }
        }
        return subjectOnly == null || inBody
                ? Optional.empty()
                : Optional.of(new Hit(subjectOnly.term(), subjectOnly.start(), subjectOnly.end()));
    }

    /** Every occurrence of a term, and the best combination of each near group per anchor. */
    private List<Span> candidates(Tokens t) {
        List<Span> out = new ArrayList<>();
        for (Term term : terms) {
            for (Span s : spans(t, term)) {
                out.add(negated(t, s) ? s.asNegated() : s);
            }
        }
        for (Near n : near) {
            List<List<Span>> groups = new ArrayList<>();
            for (List<Term> g : n.groups()) {
                List<Span> found = new ArrayList<>();
                for (Term term : g) {
                    spans(t, term).stream().filter(s -> !negated(t, s)).forEach(found::add);
                }
                if (found.isEmpty()) {
                    groups = null;
                    break;
                }
                groups.add(found);
            }
            if (groups == null) {
                continue;
            }
            for (Span anchor : groups.get(0)) {
                Span whole = combine(anchor, groups, n.within());
                if (whole != null) {
                    out.add(whole);
                }
            }
        }
        return out;
    }

    /** The anchor with the nearest occurrence of every other group, if all lie within {@code within} gap words. */
    private static Span combine(Span anchor, List<List<Span>> groups, int within) {
        List<Span> parts = new ArrayList<>(List.of(anchor));
        for (int g = 1; g < groups.size(); g++) {
            Span best = null;
            for (Span s : groups.get(g)) {
                if (best == null || gap(anchor, s) < gap(anchor, best)) {
                    best = s;
                }
            }
            parts.add(best);
        }
        int start = parts.stream().mapToInt(Span::start).min().orElseThrow();
        int end = parts.stream().mapToInt(Span::end).max().orElseThrow();
        boolean[] covered = new boolean[end - start];
        for (Span p : parts) {
            for (int i = p.start(); i < p.end(); i++) {
                covered[i - start] = true;
            }
        }
        int gaps = 0;
        for (boolean c : covered) {
            gaps += c ? 0 : 1;
        }
        if (gaps > within) {
            return null;
        }
        return new Span(
                start, end, String.join(" ~ ", parts.stream().map(Span::term).toList()));
    }

    private static int gap(Span a, Span b) {
        return Math.max(0, Math.max(b.start() - a.end(), a.start() - b.end()));
    }

    private static List<Span> spans(Tokens t, Term term) {
        List<Span> out = new ArrayList<>();
        for (int[] m : term.find(t)) {
            out.add(new Span(m[0], m[1], term.text()));
        }
        return out;
    }

    /** A negation right before the occurrence, in its clause, with at most fillers in between. */
    private boolean negated(Tokens t, Span s) {
        boolean[] negation = t.flags("negation", context.negation());
        boolean[] filler = t.flags("filler", context.fillers());
        int k = s.start() - 1;
        for (int steps = 0;
                k >= 0 && steps < context.negationReach() && t.clause(k) == t.clause(s.start());
                steps++, k--) {
            if (negation[k]) {
                return true;
            }
            if (!filler[k]) {
                return false;
            }
        }
        return false;
    }

    /** The rule's exclusions and the current-time terms in one text, found once. */
    private final class Exclusions {
        private final Tokens t;
        private List<Span> unlessSpans;
        private List<Span> currentSpans;

        Exclusions(Tokens t) {
            this.t = t;
        }

        boolean excludes(Span s) {
            if (unless.isEmpty()) {
                return false;
            }
            if (unlessSpans == null) {
                unlessSpans = new ArrayList<>();
                unless.forEach(u -> unlessSpans.addAll(spans(t, u)));
            }
            if (unlessSpans.stream().anyMatch(u -> u.start() < s.end() && s.start() < u.end())) {
                return true; // the occurrence is part of a look-alike ("food poisoning", "im Notfall")
            }
            if (!near(unlessSpans, s)) {
                return false;
            }
            if (currentSpans == null) {
                currentSpans = new ArrayList<>();
                context.current().forEach(c -> currentSpans.addAll(spans(t, c)));
            }
            return !near(currentSpans, s);
        }

        private boolean near(List<Span> candidates, Span s) {
            int first = t.sentence(s.start());
            int last = t.sentence(s.end() - 1);
            for (Span c : candidates) {
                int sentence = t.sentence(c.start());
                if ((sentence == first || sentence == last) && gap(c, s) <= reach) {
                    return true;
                }
            }
            return false;
        }
    }
}
