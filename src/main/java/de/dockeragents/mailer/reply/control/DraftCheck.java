package de.dockeragents.mailer.reply.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.triage.control.LanguageGuess;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * Checks every model-written draft in code, after the model answered and before a person sees it:
 * instruction and header lines (removed), links, addresses and foreign numbers (replaced by markers),
 * people's names the mail does not have, another language than the mail's, a length far from the
 * template's. Any finding makes the draft suspicious: the page warns, approving needs an explicit
 * confirmation, and it is not copied to the mailbox's Drafts folder. The model cannot talk its way
 * past this: nothing here asks it anything.
 */
public final class DraftCheck {

    /** Longer than this many times the template, and than {@link #LONG_MIN} characters, is far too long. */
    static final int LONG_FACTOR = 4;
    /** The prompt allows 120 words (about 850 characters in German); this leaves room. */
    static final int LONG_MIN = 1000;
    /** Shorter than the template divided by this, and than {@link #SHORT_MAX} characters, is far too short. */
    static final int SHORT_DIVISOR = 5;
    /** A terse answer ("Gern, am Dienstag um 10 Uhr. Ihre Praxis") is fine; a few words are not a reply. */
    static final int SHORT_MAX = 60;
    /** The model's own text kept for audit is bounded. */
    static final int MODEL_TEXT_MAX = 20_000;

    /** The text to show and the findings; {@code modelText} is what the model wrote, kept for audit when suspicious. */
    public record Result(String text, List<DraftFinding> findings, String modelText) {

        public boolean suspicious() {
            return !findings.isEmpty();
        }
    }

    private final ReplyRules rules;
    private final LanguageGuess language;

    public DraftCheck(ReplyRules rules) {
        this.rules = rules;
        this.language = new LanguageGuess(rules.languages());
    }

    /**
     * @param modelText what the model wrote
     * @param mail the mail it answers
     * @param template the category's template reply (its language and length are the measure)
     * @param orderNumbers the order numbers code found in the mail
     */
    public Result check(String modelText, MailFacts mail, Reply template, List<String> orderNumbers) {
        DraftFacts facts = facts(mail, template, orderNumbers);
        List<DraftFinding> findings = new ArrayList<>();
        DraftLines.Result lines = DraftLines.strip(modelText == null ? "" : modelText.replace("\r\n", "\n"));
        add(findings, lines.instructions(), DraftFinding.INSTRUCTION);
        add(findings, lines.headers(), DraftFinding.HEADER);
        DraftText.Cleaned cleaned = DraftText.clean(lines.text(), facts, rules.ownLanguage());
        add(findings, cleaned.links(), DraftFinding.LINK);
        add(findings, cleaned.addresses(), DraftFinding.ADDRESS);
        add(findings, cleaned.numbers(), DraftFinding.NUMBER);
        String text = cleaned.text();
        add(findings, DraftNames.foreign(text, facts), DraftFinding.NAME);
        add(
                findings,
                !text.isBlank() && !language.of(text.toLowerCase(Locale.ROOT)).equals(template.language()),
                DraftFinding.LANGUAGE);
        add(findings, farFrom(text.length(), template.body().strip().length()), DraftFinding.LENGTH);
        List<DraftFinding> sorted = findings.stream().sorted().toList();
        String kept = sorted.isEmpty() || modelText == null
                ? null
                : modelText.length() > MODEL_TEXT_MAX ? modelText.substring(0, MODEL_TEXT_MAX) : modelText;
        return new Result(text, sorted, kept);
    }

    static boolean farFrom(int length, int template) {
        return length > Math.max(LONG_FACTOR * template, LONG_MIN)
                || length < Math.min(template / SHORT_DIVISOR, SHORT_MAX);
    }

    private DraftFacts facts(MailFacts mail, Reply template, List<String> orderNumbers) {
        // the template's body, not its subject: that repeats the mail's
        List<String> own = new ArrayList<>(List.of(template.body()));
        own.addAll(rules.business().values());
        List<String> theirs = new ArrayList<>(
                List.of(mail.from() == null ? "" : mail.from(), mail.subjectOrEmpty(), mail.bodyOrEmpty()));
        theirs.addAll(orderNumbers);
        return new DraftFacts(own, theirs, rules.ownNumbers(), rules.countryCode());
    }

    private static void add(List<DraftFinding> findings, boolean found, DraftFinding finding) {
        if (found) {
            findings.add(finding);
        }
    }
}
