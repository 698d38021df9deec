package de.dockeragents.mailer.reply.control;

import java.util.regex.Pattern;

/**
 * Cleans a model-written draft before a person sees it: no links, addresses or phone numbers the
 * model may have invented (or been told to add), no control characters, bounded length. The person
 * can add what is right; the model cannot smuggle anything past a quick read.
 */
public final class DraftText {

    static final int MAX = 4000;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.|mailto:)\\S+|\\[[^\\]]*\\]\\([^)]*\\)");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\d])\\+?\\d[\\d /().-]{6,}\\d(?!\\d)");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cf}");

    private DraftText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = CONTROL.matcher(text.replace("\r\n", "\n")).replaceAll("");
        s = LINK.matcher(s).replaceAll("[Link entfernt]");
        s = ADDRESS.matcher(s).replaceAll("[Adresse entfernt]");
        s = PHONE.matcher(s).replaceAll(m -> keepsEmergencyNumber(m.group()) ? m.group() : "[Nummer entfernt]");
        s = s.strip();
        return s.length() > MAX ? s.substring(0, MAX) + "\n[gekürzt]" : s;
    }

    /** 112 and 116117 are too short for the pattern anyway; kept explicit for clarity. */
    private static boolean keepsEmergencyNumber(String number) {
        String digits = number.replaceAll("\\D", "");
        return digits.equals("112") || digits.equals("116117");
    }
}
