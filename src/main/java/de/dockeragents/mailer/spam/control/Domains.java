package de.dockeragents.mailer.spam.control;

import java.lang.Character.UnicodeScript;
import java.net.IDN;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

/**
 * Host names as a person reads them: the registrable domain by the Public Suffix List (Guava's
 * copy), so {@code login.shop.co.uk} and {@code shop.co.uk} are one owner and {@code a.github.io}
 * and {@code b.github.io} are two; internationalised names compared in their ASCII (punycode)
 * form; and labels that mix scripts, the usual trick behind look-alike domains.
 */
public final class Domains {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Script mixes that are normal in one label (UTS #39, "highly restrictive"); Latin with Cyrillic or Greek is not. */
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private Domains() {}

    /** The host in ASCII, lower case, without a trailing dot; empty when it is no host name. */
    public static Optional<String> ascii(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") || IPV4.matcher(h).matches()) {
            return Optional.of(h);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.startsWith(".") || h.contains("..") || !h.contains(".")) {
            return Optional.empty();
        }
        try {
            return Optional.of(IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The part of the host its owner registered: {@code www.paypal.de} → {@code paypal.de},
     * {@code a.b.shop.co.uk} → {@code shop.co.uk}. Hosts under no known suffix (the reserved
     * {@code .example}, {@code .test}, intranet names) count by their last two labels; IP literals as
     * they are.
     */
    public static Optional<String> registrable(String host) {
        return ascii(host).map(h -> {
            if (h.startsWith("[") || IPV4.matcher(h).matches()) {
                return h;
            }
            try {
                InternetDomainName name = InternetDomainName.from(h);
                if (name.isUnderPublicSuffix()) {
                    return name.topPrivateDomain().toString();
                }
                if (name.isPublicSuffix()) {
                    return h;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // not a name Guava accepts (underscores, over-long labels): fall back to the labels
            }
            String[] labels = h.split("\\.");
            return labels.length < 2 ? h : labels[labels.length - 2] + "." + labels[labels.length - 1];
        });
    }

    /** Whether a text like {@code paypal.de} or {@code rechnung.pdf} is a host under a real public suffix. */
    public static boolean underPublicSuffix(String host) {
        return ascii(host)
                .map(h -> {
                    try {
                        return InternetDomainName.from(h).isUnderPublicSuffix();
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .orElse(false);
    }

    /** Both hosts belong to one registrable domain. */
    public static boolean sameOwner(String a, String b) {
        Optional<String> ra = registrable(a);
        return ra.isPresent() && ra.equals(registrable(b));
    }

    /** The host as a person sees it (punycode decoded), for staff and for the script check. */
    public static String unicode(String host) {
        try {
            return IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /** A label of the host mixes scripts in a way no legitimate name needs (Latin with Cyrillic or Greek, ...). */
    public static boolean mixesScripts(String host) {
        for (String label : unicode(host).split("\\.")) {
            Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
            label.codePoints()
                    .mapToObj(UnicodeScript::of)
                    .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED)
                    .forEach(scripts::add);
            if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(a -> a.containsAll(scripts))) {
                return true;
            }
        }
        return false;
    }
}
