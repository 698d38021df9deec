package bench;

import java.util.List;
import java.util.Map;

import de.dockeragents.mailer.triage.control.SafetyCorpus;
import de.dockeragents.mailer.triage.control.SafetyCorpus.Figures;
import de.dockeragents.mailer.triage.control.SafetyCorpus.Judged;

/**
 * {@code ./mvnw -Psafety-bench}: recall and precision of the safety rules alone (model down) on the
 * labelled corpus, per profile, per tag and per MIME form, and every miss and false alarm by file
 * with the rule and term that fired. Not a test: {@code SafetyCorpusTest} holds the floors.
 * {@code -Dbench.verbose=false} leaves out the lists.
 */
public final class SafetyBenchmark {

    private SafetyBenchmark() {}

    public static void main(String[] args) {
        boolean verbose = !"false".equals(System.getProperty("bench.verbose"));
        long start = System.nanoTime();
        StringBuilder out = new StringBuilder("\nSafety rules alone (model down) on the labelled corpus\n");
        for (SafetyCorpus.Profile p : SafetyCorpus.PROFILES) {
            List<Judged> judged = SafetyCorpus.judge(p);
            out.append(String.format("%n%-7s all      %s%n", p.name(), Figures.of(judged)));
            for (String round : List.of("round2", "round3", "round4")) {
                List<Judged> r =
                        judged.stream().filter(j -> j.tags().contains(round)).toList();
                if (!r.isEmpty()) {
                    out.append(String.format("%-7s %-8s %s%n", "", round, Figures.of(r)));
                }
            }
            out.append("  by tag:\n");
            print(out, SafetyCorpus.byTag(judged));
            out.append("  by MIME form:\n");
            print(out, SafetyCorpus.byForm(judged));
            if (verbose) {
                judged.stream()
                        .filter(j -> j.positive() && !j.found())
                        .forEach(j -> out.append("  MISSED       ")
                                .append(j.file())
                                .append("  ")
                                .append(j.why())
                                .append('\n'));
                judged.stream()
                        .filter(j -> !j.positive() && j.found())
                        .forEach(j -> out.append("  FALSE ALARM  ")
                                .append(j.file())
                                .append("  ")
                                .append(j.why())
                                .append('\n'));
            }
        }
        out.append(String.format("%n(%d ms)%n", (System.nanoTime() - start) / 1_000_000));
        System.out.println(out);
    }

    private static void print(StringBuilder out, Map<String, Figures> figures) {
        figures.forEach((k, f) -> out.append(String.format("    %-22s %s%n", k, f)));
    }
}
