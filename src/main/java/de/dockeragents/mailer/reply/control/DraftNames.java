package de.dockeragents.mailer.reply.control;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people's names in a draft where they can be told apart from other words: after a form of
 * address ("Frau Weber", "Herrn Dr. Kaya", "Mr Smith", "Dr. Lange"). A name the original mail, the
 * profile and the template do not have is someone else's: a draft must not bring a third person in.
 */
final class DraftNames {

    private static final Pattern ADDRESSED =
            Pattern.compile("(?:\\b(?:Herrn?|Frau)|\\b(?:Mr|Mrs|Ms|Miss|Mx)\\.?|\\b(?:Dr|Prof)\\.)"
                    + "\\s+(?:(?:Dr|Prof|med|rer|nat)\\.\\s*)*(\\p{Lu}[\\p{L}'’]+(?:-\\p{Lu}[\\p{L}'’]+)?)");
    /** Words after a form of address that are no name. */
    private static final Set<String> NO_NAME = Set.of(
            "Doktor",
            "Doktorin",
            "Professor",
            "Professorin",
            "Kollege",
            "Kollegin",
            "Patient",
            "Patientin",
            "Sir",
            "Madam",
            "Doctor",
            "Dr",
            "Prof");

    private DraftNames() {}

    /** True when the draft names a person the facts do not know. */
    static boolean foreign(String text, DraftFacts facts) {
        Matcher m = ADDRESSED.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!NO_NAME.contains(name) && !facts.knowsName(name)) {
                return true;
            }
        }
        return false;
    }
}
