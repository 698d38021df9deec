package de.dockeragents.mailer.outbox.control;

import java.util.regex.Pattern;

/** Server messages often quote the recipient ("550 <x@y>: no such user"); logs and rows never keep an address. */
final class Scrub {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:\\[\\]]+@[^\\s<>\"(),;:\\[\\]]+");
    private static final int MAX = 500;

    private Scrub() {}

    static String text(String s) {
        if (s == null) {
            return "";
        }
        String t = ADDRESS.matcher(s.replaceAll("[\\r\\n\\t]+", " "))
                .replaceAll("[address]")
                .strip();
        return t.length() > MAX ? t.substring(0, MAX) : t;
    }
}
