package de.dockeragents.mailer.spam.control;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.spam.entity.SpamSignal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinksTest {

    static List<SpamSignal> check(String text, String href) {
        return Links.check("<p>Bitte <a href=\"" + href + "\">" + text + "</a></p>");
    }

    static SpamSignal mismatch(String detail) {
        return new SpamSignal(SpamSignal.LINK_MISMATCH, detail);
    }

    @Test
    void textShowingOneDomainLinkingToAnotherIsAMismatch() {
        assertEquals(
                List.of(mismatch("www.paypal.de → paypal.de.kundencenter.example")),
                check("https://www.paypal.de/signin", "https://paypal.de.kundencenter.example/signin"));
        assertEquals(
                List.of(mismatch("sparkasse.de → sparkasse-sicherheit.example")),
                check("sparkasse.de", "http://sparkasse-sicherheit.example/login"));
        assertEquals(
                List.of(mismatch("www.dhl.de → dhl.example")),
                check("www.dhl.de/sendung?x=1", "https://dhl.example/x"));
        assertEquals(
                List.of(mismatch("amazon.de → evil.example")), check("  &lt;AMAZON.DE&gt;. ", "https://evil.example"));
    }

    @Test
    void textThatIsNoAddressClaimsNothing() {
        assertEquals(List.of(), check("Hier klicken", "https://evil.example/x"));
        assertEquals(List.of(), check("Jetzt bezahlen: 1,99 EUR", "https://evil.example/x"));
        // a file name is not a host: .pdf and .jpg are no public suffixes
        assertEquals(List.of(), check("Rechnung.pdf", "https://drive.google.com/file/d/1"));
        assertEquals(List.of(), check("Schaden.jpg", "https://drive.google.com/file/d/1"));
        assertEquals(List.of(), check("Besuchen Sie paypal.de heute", "https://evil.example"));
        assertEquals(List.of(), check("", "https://evil.example"));
    }

    @Test
    void oneRegistrableDomainIsOneOwnerWhateverTheSubdomains() {
        assertEquals(List.of(), check("track.dpd.de", "https://tracking.dpd.de/status/0123"));
        assertEquals(
                List.of(), check("www.shop-beispiel.de/produkt/123", "https://shop-beispiel.de/produkt/123?utm=1"));
        assertEquals(List.of(), check("amazon.co.uk", "https://www.amazon.co.uk/dp/B0"));
        assertEquals(
                List.of(mismatch("amazon.co.uk → amazon.evil.co.uk")),
                check("amazon.co.uk", "https://amazon.evil.co.uk/dp/B0"));
        // github.io is a public suffix: two pages there are two owners
        assertEquals(
                List.of(mismatch("good.github.io → evil.github.io")),
                check("good.github.io", "https://evil.github.io"));
        // with a scheme, a reserved name counts as a host too
        assertEquals(List.of(), check("https://shop.example/track", "https://www.shop.example/track?id=1"));
    }

    @Test
    void punycodeAndLookAlikes() {
        // the text shows Latin "paypal.com", the link goes to Cyrillic "pаypal.com"
        assertEquals(
                List.of(mismatch("paypal.com → xn--pypal-4ve.com (pаypal.com)")),
                check("paypal.com", "https://xn--pypal-4ve.com/"));
        // the text itself is the look-alike: one host, but its label mixes Latin and Cyrillic
        assertEquals(
                List.of(new SpamSignal(SpamSignal.LOOKALIKE_DOMAIN, "xn--pple-43d.com (аpple.com)")),
                check("www.\u0430pple.com", "https://xn--pple-43d.com/account"));
        assertEquals(
                List.of(new SpamSignal(SpamSignal.LOOKALIKE_DOMAIN, "xn--pypal-4ve.com (pаypal.com)")),
                check("Jetzt verifizieren", "https://xn--pypal-4ve.com/de/signin"));
        // an IDN in one script and its punycode are the same host, and no look-alike
        assertEquals(List.of(), check("www.müller-shop.de", "https://www.xn--mller-shop-9db.de/"));
        assertEquals(List.of(), check("münchen.de", "https://www.münchen.de/"));
        assertFalse(Domains.mixesScripts("xn--80ak6aa92e.com")); // all Cyrillic
        assertTrue(Domains.mixesScripts("xn--pypal-4ve.com"));
        assertFalse(Domains.mixesScripts("xn--tckwe.jp")); // Katakana alone
    }

    @Test
    void mailtoComparesTheAddressDomain() {
        assertEquals(
                List.of(mismatch("paypal.de → gmail.com")),
                check("kundenservice@paypal.de", "mailto:paypal.kundenservice@gmail.com?subject=Konto"));
        assertEquals(List.of(), check("anna.meier@web.de", "mailto:anna.meier@web.de"));
        assertEquals(List.of(), check("Schreiben Sie uns", "mailto:help@evil.example"));
        assertEquals(List.of(), check("service@shop.de", "MAILTO:Service%40Shop.de".replace("%40", "@")));
        assertEquals(Optional.of("x.example"), Links.target("mailto:a@x.example,b@y.example"));
    }

    @Test
    void redirectWrappersAreUnwrapped() {
        assertEquals(
                List.of(),
                check(
                        "https://www.dhl.de/de/privatkunden.html",
                        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.dhl.de%2Fde%2Fprivatkunden.html&amp;data=05"));
        assertEquals(
                List.of(mismatch("www.amazon.de → amzn-konto.example")),
                check("www.amazon.de", "https://www.google.com/url?q=https://amzn-konto.example/login&amp;sa=D"));
        assertEquals(
                List.of(), check("www.zalando.de", "https://www.google.com/url?q=https://www.zalando.de/x&amp;sa=D"));
    }

    @Test
    void otherSchemesAndRelativeLinksAreIgnored() {
        assertEquals(Optional.empty(), Links.target("tel:+4930123456"));
        assertEquals(Optional.empty(), Links.target("javascript:alert(1)"));
        assertEquals(Optional.empty(), Links.target("#top"));
        assertEquals(Optional.empty(), Links.target("/relative/path"));
        assertEquals(Optional.of("paypal.de"), Links.target("HTTPS://user@PayPal.DE:443/x"));
        assertEquals(Optional.of("bad_host.example"), Links.target("https://bad_host.example/x"));
    }

    @Test
    void findingsAreFewAndDistinct() {
        String html = "<a href='https://a.example'>paypal.de</a><a href='https://a.example'>paypal.de</a>"
                + "<a href='https://b.example'>dhl.de</a><a href='https://c.example'>amazon.de</a><a href='https://d.example'>ebay.de</a>";
        List<SpamSignal> found = Links.check(html);
        assertEquals(3, found.size());
        assertEquals(mismatch("paypal.de → a.example"), found.get(0));
        assertEquals(List.of(), Links.check(null));
        assertEquals(List.of(), Links.check("<p>no links</p>"));
    }
}
