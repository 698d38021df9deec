package de.dockeragents.mailer.triage.control;

import java.util.regex.Pattern;

/**
 * Removes quoted text from a reply: lines starting with '>' and everything after a quote header
 * ("Am ... schrieb ...:", "On ... wrote:", "-----Original Message-----"). A patient who answers our
 * acknowledgement quotes its words about emergencies; those words are ours, not the patient's.
 */
public final class Quotes {

    private static final Pattern HEADER = Pattern.compile(
            "(?im)^\\s*(?:am .{1,120} schrieb .{0,200}:|on .{1,120} wrote:|-{2,}\\s*(?:original message|ursprüngliche nachricht|urspr\\u00fcngliche nachricht)\\s*-{2,}|von: .{1,200}\\R\\s*gesendet: )");
    private static final Pattern QUOTED = Pattern.compile("(?m)^[ \\t]*>.*(?:\\R|$)");

    private Quotes() {}

    public static String strip(String body) {
        if (body == null) {
            return "";
        }
        var m = HEADER.matcher(body);
        String s = m.find() ? body.substring(0, m.start()) : body;
        return QUOTED.matcher(s).replaceAll("");
    }
}
