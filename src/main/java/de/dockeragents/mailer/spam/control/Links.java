package de.dockeragents.mailer.spam.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import de.dockeragents.mailer.spam.entity.SpamSignal;

/**
 * The links of an HTML body as a reader would be fooled by them: a link whose visible text shows one
 * domain ({@code www.paypal.de}, {@code https://dhl.de/...}, {@code service@amazon.de}) but leads to
 * another, and links to look-alike hosts that mix scripts. Run once at parse time, where the HTML part
 * is at hand; the findings are stored with the mail.
 * <p>
 * Text that shows no host ("Hier klicken", "Rechnung.pdf") is no claim and never a mismatch; one
 * registrable domain with different subdomains ({@code shop.example.de} vs {@code
 * click.example.de}) is one owner. Microsoft's Safe Links and Google's redirect wrappers, which
 * forwarded and quoted mail carries, are unwrapped to the link they stand for.
 */
public final class Links {

    static final int MAX_SIGNALS = 3;
    private static final int MAX_LINKS = 500;

    /** The whole visible text is a URL, a bare host with an optional path, or an address. */
    private static final Pattern SHOWN = Pattern.compile(
            "^[<\\[(\"']?(?:(?<scheme>https?)://)?(?:[^\\s@/<>\\[\\]()\"']+@)?(?<host>[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+)\\.?(?::\\d{1,5})?(?:[/?#]\\S*)?[>\\])\"'.,;:!]{0,3}$",
            Pattern.CASE_INSENSITIVE);

    private Links() {}

    /** What the links of this HTML give away; at most {@value #MAX_SIGNALS} findings, the first of each pair only once. */
    public static List<SpamSignal> check(String html) {
        if (html == null || html.isBlank()) {
            return List.of();
        }
        try {
            return signals(html);
        } catch (RuntimeException e) {
            // a hint, never a reason to fail parsing the mail
            return List.of();
        }
    }

    private static List<SpamSignal> signals(String html) {
        Set<SpamSignal> found = new LinkedHashSet<>();
        int seen = 0;
        for (Element a : Jsoup.parse(html).select("a[href], area[href]")) {
            if (++seen > MAX_LINKS || found.size() >= MAX_SIGNALS) {
                break;
            }
            Optional<String> target = target(a.attr("href"));
            if (target.isEmpty()) {
                continue;
            }
            String to = target.get();
            Optional<String> shown = shownHost(a.text());
            if (shown.isPresent() && !Domains.sameOwner(shown.get(), to)) {
                found.add(new SpamSignal(SpamSignal.LINK_MISMATCH, readable(shown.get()) + " → " + readable(to)));
            } else if (Domains.mixesScripts(to)) {
                found.add(new SpamSignal(SpamSignal.LOOKALIKE_DOMAIN, readable(to)));
            }
        }
        return new ArrayList<>(found).subList(0, Math.min(found.size(), MAX_SIGNALS));
    }

    /** The host a link leads to (the domain of a mailto: address), ASCII; empty for other schemes and relative links. */
    static Optional<String> target(String href) {
        String h = href == null ? "" : href.strip();
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            String address = decode(h.substring(7));
            int q = address.indexOf('?');
            address = q < 0 ? address : address.substring(0, q);
            int comma = address.indexOf(',');
            address = comma < 0 ? address : address.substring(0, comma);
            int at = address.lastIndexOf('@');
            return at < 0
                    ? Optional.empty()
                    : Domains.ascii(address.substring(at + 1).replaceAll("[>\\s]+$", ""));
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(h.replace(" ", "%20"));
            String host = uri.getHost();
            if (host == null) {
                // java.net.URI gives no host for IDN or underscores: take the authority by hand
                String authority = uri.getRawAuthority();
                host = authority == null
                        ? null
                        : authority.replaceAll("^.*@", "").replaceAll(":\\d+$", "");
            }
            Optional<String> unwrapped = unwrap(host, uri.getRawQuery());
            return unwrapped.isPresent() ? unwrapped : Domains.ascii(host);
        } catch (URISyntaxException e) {
            Matcher m = Pattern.compile("^https?://(?:[^/@]*@)?([^/:?#]+)", Pattern.CASE_INSENSITIVE)
                    .matcher(h);
            return m.find() ? Domains.ascii(m.group(1)) : Optional.empty();
        }
    }

    /** Safe Links ({@code *.safelinks.protection.outlook.com/?url=}) and Google's {@code /url?q=} stand for their target. */
    private static Optional<String> unwrap(String host, String query) {
        if (host == null || query == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        String param = h.endsWith(".safelinks.protection.outlook.com")
                ? "url"
                : h.matches("(www\\.)?google\\.[a-z.]+") ? "q" : null;
        if (param == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(param + "=")) {
                String inner = decode(pair.substring(param.length() + 1));
                return inner.toLowerCase(Locale.ROOT).startsWith("http") ? target(inner) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The host the visible text claims, when the whole text is a URL, a host or an address under a real suffix. */
    static Optional<String> shownHost(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .replaceAll("[\\u00AD\\u200B-\\u200F\\u2060\\uFEFF]", "")
                .strip();
        if (t.isEmpty() || t.length() > 300) {
            return Optional.empty();
        }
        Matcher m = SHOWN.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group("host");
        // "Rechnung.pdf" or "setup.exe" is a file name, not a claim; with a scheme, any host counts
        if (m.group("scheme") == null && !Domains.underPublicSuffix(host)) {
            return Optional.empty();
        }
        return Domains.ascii(host);
    }

    private static String readable(String asciiHost) {
        String unicode = Domains.unicode(asciiHost);
        return unicode.equals(asciiHost) ? asciiHost : asciiHost + " (" + unicode + ")";
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
