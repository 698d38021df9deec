package de.dockeragents.mailer.triage.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import de.dockeragents.mailer.inbox.control.MessageParser;
import de.dockeragents.mailer.inbox.control.ParseFailure;
import de.dockeragents.mailer.inbox.entity.ParsedFields;
import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * The labelled corpus under {@code src/test/resources/corpus/<profile>/<label>/*.eml}, judged by the
 * rules alone: each raw mail through the real parser ({@link MessageParser}), the text staff see
 * ({@link TriageStore#shownText}), the facts triage reads, and the {@link Classifier} with the model
 * down. A mail counts as found when it ends in the profile's safety category at priority urgent.
 * Shared by {@code SafetyCorpusTest} (floors) and {@code bench.SafetyBenchmark} (figures).
 */
public final class SafetyCorpus {

    /** What the corpus calls a positive, per profile: its label folder and the category that must result. */
    public record Profile(String name, String positiveLabel, String category) {}

    public static final List<Profile> PROFILES =
            List.of(new Profile("praxis", "emergency", "emergency"), new Profile("ecom", "safety", "product_safety"));

    /** One judged mail. */
    public record Judged(
            String file,
            boolean positive,
            boolean found,
            List<String> tags,
            String form,
            MailFacts mail,
            Decision decision,
            String why) {}

    /** Recall and precision of a set of judged mails. */
    public record Figures(int positives, int negatives, int truePositives, int falsePositives) {

        public double recall() {
            return positives == 0 ? 1 : (double) truePositives / positives;
        }

        public double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1 : (double) truePositives / found;
        }

        public static Figures of(List<Judged> judged) {
            int p = 0, n = 0, tp = 0, fp = 0;
            for (Judged j : judged) {
                if (j.positive()) {
                    p++;
                    tp += j.found() ? 1 : 0;
                } else {
                    n++;
                    fp += j.found() ? 1 : 0;
                }
            }
            return new Figures(p, n, tp, fp);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "recall %.3f (%d/%d)  precision %.3f (%d/%d)",
                    recall(),
                    truePositives,
                    positives,
                    precision(),
                    truePositives,
                    truePositives + falsePositives);
        }
    }

    private SafetyCorpus() {}

    public static List<Judged> judge(Profile profile) {
        TriageRules rules = TriageRules.load(profile.name());
        Classifier classifier = new Classifier(rules);
        MessageParser parser = new MessageParser();
        List<Judged> out = new ArrayList<>();
        long id = 1;
        for (Path file : files(profile.name())) {
            String label = file.getParent().getFileName().toString();
            MailFacts mail = facts(id++, parser, read(file));
            Decision d = classifier.decide(mail, ChatReply.failed(AiOutcome.ERROR), Duration.ZERO);
            boolean found = d.verdict().category().equals(profile.category())
                    && d.verdict().priority() == Priority.URGENT;
            out.add(new Judged(
                    label + "/" + file.getFileName(),
                    label.equals(profile.positiveLabel()),
                    found,
                    List.of(header(mail.headers(), "X-Corpus-Tags").split("\\s+")),
                    header(mail.headers(), "X-Corpus-Form"),
                    mail,
                    d,
                    why(rules, mail)));
        }
        return out;
    }

    /** The mail as triage reads it from the database after the real parser stored it. */
    public static MailFacts facts(long id, MessageParser parser, byte[] raw) {
        ParsedFields p;
        try {
            p = parser.parse(raw);
        } catch (ParseFailure e) {
            throw new IllegalStateException("corpus mail does not parse", e);
        }
        String headers = new String(raw, 0, headerEnd(raw), java.nio.charset.StandardCharsets.ISO_8859_1);
        return new MailFacts(
                id,
                p.from(),
                p.replyTo(),
                p.subject(),
                TriageStore.shownText(p.textBody(), p.htmlText()),
                OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC),
                p.messageId(),
                p.references(),
                p.autoSubmitted(),
                p.precedence(),
                p.listId(),
                p.listUnsubscribe(),
                headers);
    }

    /** Which rule fired on which term, for the benchmark's list of misses and false alarms; empty if none. */
    static String why(TriageRules rules, MailFacts mail) {
        Tokens t = rules.ownText().strip(Tokens.of(mail.subject(), mail.body()));
        List<String> hits = new ArrayList<>();
        for (TriageRules.SafetyRule r : rules.safetyRules()) {
            r.match().first(t).ifPresent(h -> hits.add(r.id() + " [" + h.term() + "]"));
        }
        return String.join(", ", hits);
    }

    public static Map<String, Figures> byTag(List<Judged> judged) {
        Map<String, List<Judged>> groups = new TreeMap<>();
        for (Judged j : judged) {
            for (String tag : j.tags()) {
                groups.computeIfAbsent(tag, k -> new ArrayList<>()).add(j);
            }
        }
        Map<String, Figures> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, Figures.of(v)));
        return out;
    }

    public static Map<String, Figures> byForm(List<Judged> judged) {
        Map<String, List<Judged>> groups = new TreeMap<>();
        judged.forEach(
                j -> groups.computeIfAbsent(j.form(), k -> new ArrayList<>()).add(j));
        Map<String, Figures> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, Figures.of(v)));
        return out;
    }

    static List<Path> files(String profile) {
        URL url = SafetyCorpus.class.getClassLoader().getResource("corpus/" + profile);
        if (url == null) {
            throw new IllegalStateException("no corpus for " + profile);
        }
        try (Stream<Path> s = Files.walk(Path.of(url.toURI()))) {
            return s.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\\r?\\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }
}
