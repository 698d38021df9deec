package de.dockeragents.mailer.reply.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.dockeragents.mailer.platform.control.Language;

/**
 * Cleans a model-written draft before a person sees it: no links, addresses or numbers the model
 * may have invented (or been told to add), no control characters, bounded length. A number that is
 * ours (the practice's own phone number, 112) or the mail's order or patient number stays
 * ({@link DraftFacts}), and so do dates and times ("am 14.3.2026 um 10.30 Uhr"). Every removal
 * leaves a marker in the profile's own language and is reported: a draft that needed one is
 * suspicious ({@link DraftCheck}).
 */
final class DraftText {

    /** What was removed; {@code text} has a marker where each was. */
    record Cleaned(String text, boolean links, boolean addresses, boolean numbers) {}

    static final int MAX = 4000;
    private static final Pattern LINK =
            Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.|mailto:)\\S+|\\[[^\\]]*\\]\\([^)]*\\)");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final String IBAN = "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b";
    /**
     * Order, customer, patient or invoice numbers: one run of five digits or more, perhaps after a
     * short prefix ("ORD-998877"); a run that goes on after a space or a dash is a phone number.
     */
    private static final String IDENTIFIER = "(?<![\\p{L}\\d-])(?:\\p{L}{1,5}-?)?\\d{5,}(?!\\d|[ /().-]\\d)";

    private static final String PHONE = "(?<![\\p{L}\\d])\\+?\\d[\\d /().-]{6,}\\d(?!\\d)";
    /** The one capturing group of {@link #NUMBER}: set when the match is an identifier. */
    static final int IDENTIFIER_GROUP = 1;
    /** An IBAN, an identifier or a phone number, tried in this order. */
    static final Pattern NUMBER = Pattern.compile(IBAN + "|(" + IDENTIFIER + ")|" + PHONE);
    /** What a date or time is made of: 14.3.2026, 14.3., 10:30, 10.30, 2026, 8 (as in "8 - 12 Uhr"). */
    private static final Pattern DATE_OR_TIME =
            Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.(?:\\d{2}|\\d{4})?|\\d{1,2}[:.]\\d{2}" + "|\\d{4}|\\d{1,2}\\.?");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cf}");

    private DraftText() {}

    /** {@code own}: the profile's own language, whose markers staff read. */
    static Cleaned clean(String text, DraftFacts facts, Language own) {
        if (text == null) {
            return new Cleaned("", false, false, false);
        }
        String s = CONTROL.matcher(text.replace("\r\n", "\n")).replaceAll("");
        Matcher links = LINK.matcher(s);
        boolean link = links.find();
        s = links.replaceAll(Matcher.quoteReplacement(own.text("draft.link-removed")));
        Matcher addresses = ADDRESS.matcher(s);
        boolean address = addresses.find();
        s = addresses.replaceAll(Matcher.quoteReplacement(own.text("draft.address-removed")));
        boolean[] number = {false};
        s = NUMBER.matcher(s).replaceAll(m -> {
            if (dateOrTime(m.group()) || facts.knowsNumber(m.group(), m.group(IDENTIFIER_GROUP) != null)) {
                return Matcher.quoteReplacement(m.group());
            }
            number[0] = true;
            return Matcher.quoteReplacement(own.text("draft.number-removed"));
        });
        s = s.strip();
        return new Cleaned(
                s.length() > MAX ? s.substring(0, MAX) + "\n" + own.text("shortened") : s, link, address, number[0]);
    }

    /** Dates, times and ranges of them ("14.3.2026", "10.30 - 11.00"): no part a long run of digits. */
    static boolean dateOrTime(String candidate) {
        for (String part : candidate.strip().split("[\\s/()–-]+")) {
            if (!part.isEmpty() && !DATE_OR_TIME.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }
}
