package de.dockeragents.mailer.platform.control;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Picks bare addresses out of header texts such as {@code "Name" <a@b.de>, c@d.de}. */
public final class Addresses {

    private Addresses() {}

    /** The first syntactically valid address of a header, lower-cased; empty when there is none. */
    public static Optional<String> first(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
                String addr = a.getAddress();
                if (valid(addr)) {
                    return Optional.of(addr.toLowerCase(Locale.ROOT));
                }
            }
        } catch (AddressException e) {
            // an unreadable header yields no address: code never guesses a recipient
        }
        return Optional.empty();
    }

    /** How many addresses a header names (a Reply-To with several is not trusted as a recipient). */
    public static int count(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return InternetAddress.parseHeader(header, false).length;
        } catch (AddressException e) {
            return 0;
        }
    }

    /** Whether a header names this address (compared lower-cased; an unreadable header names none). */
    public static boolean names(String header, String address) {
        if (header == null || header.isBlank() || address == null) {
            return false;
        }
        String wanted = address.toLowerCase(Locale.ROOT);
        try {
            for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
                if (a.getAddress() != null
                        && a.getAddress().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return true;
                }
            }
        } catch (AddressException e) {
            return false;
        }
        return false;
    }

    public static boolean valid(String addr) {
        if (addr == null
                || addr.length() > 254
                || !addr.matches("[^\\s,;<>\"()\\[\\]\\\\]+@[^\\s,;<>\"()\\[\\]\\\\@]+\\.[^\\s,;<>\"()\\[\\]\\\\@]+")) {
            return false;
        }
        try {
            new InternetAddress(addr, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    public static String domain(String addr) {
        int at = addr == null ? -1 : addr.lastIndexOf('@');
        return at < 0 ? "" : addr.substring(at + 1);
    }
}
