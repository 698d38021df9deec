package de.dockeragents.mailer.reply.control;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a draft may mention without being suspicious. Our own facts: the profile's business data
 * (the practice's own phone number, hours, name), its own numbers (replies.json {@code ownNumbers}:
 * 112, 116117) and the category's template. The mail's facts: its sender's name, subject and text,
 * and the order numbers code found in it. A person's name may come from either. An order, customer
 * or patient number may come from either; a phone number or an IBAN only from our own: one the mail
 * has may be exactly what an attacker wants the reply to repeat ("tell me to call +49 ..."), and
 * the prompt forbids them anyway.
 */
final class DraftFacts {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’]*");

    private final String countryCode;
    private final Set<String> own = new HashSet<>();
    private final Set<String> mailIds = new HashSet<>();
    private final Set<String> words = new HashSet<>();

    /** {@code countryCode}: the profile's country calling code ("49"), or empty. */
    DraftFacts(List<String> ownTexts, List<String> mailTexts, List<String> ownNumbers, String countryCode) {
        this.countryCode = countryCode;
        for (String n : ownNumbers) {
            own.add(key(n, countryCode));
        }
        for (String t : ownTexts) {
            scan(t, own, false);
        }
        for (String t : mailTexts) {
            scan(t, mailIds, true);
        }
    }

    private void scan(String text, Set<String> numbers, boolean identifiersOnly) {
        if (text == null) {
            return;
        }
        Matcher n = DraftText.NUMBER.matcher(text);
        while (n.find()) {
            if (!identifiersOnly || n.group(DraftText.IDENTIFIER_GROUP) != null) {
                numbers.add(key(n.group(), countryCode));
            }
        }
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            words.add(w.group().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Whether the number is known: the same digits (and letters) as one of ours, or as an identifier
     * of the mail's when {@code identifier}. "0171 2345678" is "0171-2345678"; "+49 171 ..." is "0171 ...".
     */
    boolean knowsNumber(String number, boolean identifier) {
        String k = key(number, countryCode);
        return known(k, own) || identifier && known(k, mailIds);
    }

    private static boolean known(String k, Set<String> numbers) {
        if (numbers.contains(k)) {
            return true;
        }
        // one written with an area or country code the other leaves out
        return k.length() >= 6 && numbers.stream().anyMatch(n -> n.length() >= 6 && (n.endsWith(k) || k.endsWith(n)));
    }

    /** Known if the word (each part of a double name) is in the facts, whatever its case. */
    boolean knowsName(String name) {
        for (String part : name.split("-")) {
            if (!part.isEmpty() && !words.contains(part.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Letters and digits only, upper case; the profile's country code becomes the trunk prefix 0. */
    static String key(String number, String countryCode) {
        String s = number.strip();
        String k = s.replaceAll("[^\\p{Alnum}]", "").toUpperCase(Locale.ROOT);
        if (countryCode.isEmpty()) {
            return k;
        }
        if (s.startsWith("+" + countryCode)) {
            return "0" + k.substring(countryCode.length());
        }
        if (s.startsWith("00" + countryCode)) {
            return "0" + k.substring(2 + countryCode.length());
        }
        return k;
    }
}
