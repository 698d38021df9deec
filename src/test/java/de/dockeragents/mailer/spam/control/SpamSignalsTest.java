package de.dockeragents.mailer.spam.control;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.Flags;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.testing.MapConfig;
import de.dockeragents.mailer.triage.entity.MailFacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpamSignalsTest {

    final SpamSignals ecom = new SpamSignals(Lures.load("ecom"), Set.of("mx.google.com"));

    static MailFacts mail(String from, String replyTo, String subject, String body, String headers, String hints) {
        return new MailFacts(
                7,
                from,
                replyTo,
                subject,
                body,
                null,
                "<m@x>",
                null,
                null,
                null,
                null,
                false,
                "From: " + from + "\r\nSubject: x" + (headers.isEmpty() ? "" : "\r\n" + headers),
                hints);
    }

    static MailFacts mail(String subject, String body) {
        return mail("kunde@web.de", null, subject, body, "", null);
    }

    static List<String> codes(List<SpamSignal> signals) {
        return signals.stream().map(SpamSignal::code).toList();
    }

    @Test
    void anOrdinaryCustomerMailHasNone() {
        assertEquals(List.of(), ecom.of(mail("Wo bleibt mein Paket?", "Bestellung 123456 ist noch nicht da.")));
        assertEquals(
                List.of(),
                ecom.of(mail(
                        "kunde@web.de",
                        null,
                        "Frage",
                        "Text",
                        "Authentication-Results: mx.google.com; dkim=pass header.i=@web.de; spf=pass; dmarc=pass header.from=web.de\r\n"
                                + "X-Spam-Flag: NO\r\nX-Spam-Status: No, score=-0.1",
                        null)));
    }

    @Test
    void theReceiversAuthenticationFailureAndFilterFlagsAreSignals() {
        List<SpamSignal> s = ecom.of(mail(
                "service@paypal.de",
                null,
                "Hinweis",
                "Text",
                "Authentication-Results: mx.google.com;\r\n  dkim=none;\r\n  spf=fail smtp.mailfrom=paypal.de;\r\n"
                        + "  dmarc=fail (p=REJECT) header.from=paypal.de\r\nX-Spam-Status: Yes, score=9.0",
                null));
        assertEquals(
                List.of(
                        new SpamSignal(
                                SpamSignal.AUTH_FAILED, "dmarc=fail, spf=fail (mx.google.com, header.from=paypal.de)"),
                        new SpamSignal(SpamSignal.SPAM_FLAG, "X-Spam-Status: Yes")),
                s);
        assertEquals(
                List.of(SpamSignal.SPAM_FLAG),
                codes(ecom.of(mail("a@b.de", null, "x", "y", "X-Spam-Flag: YES", null))));
        assertEquals(
                List.of(SpamSignal.SPAM_FLAG), codes(ecom.of(mail("a@b.de", null, "x", "y", "X-Spam: yes", null))));
        // the sender's own claim of a failure by another authserv-id is no verdict of ours
        assertEquals(
                List.of(),
                ecom.of(mail("a@b.de", null, "x", "y", "Authentication-Results: evil.example; dmarc=fail", null)));
    }

    @Test
    void severalLurePhrasesInTheSendersOwnWordsAreASignal() {
        assertEquals(
                List.of(new SpamSignal(SpamSignal.LURE_TEXT, "\"sie haben gewonnen\", \"ihr gewinn\"")),
                ecom.of(mail("Sie haben gewonnen!", "Ihr Gewinn wartet.")));
        assertEquals(
                List.of(),
                ecom.of(mail("Gewinnspiel", "Wann kommt mein Preis aus dem Gewinnspiel?")),
                "one phrase is no scam");
        // quoted text is not the sender's: a customer answering our newsletter quotes its footer
        assertEquals(
                List.of(),
                ecom.of(mail("Re: Aktion", "Gilt der Rabatt noch?\n\n> Newsletter abbestellen\n> Unsubscribe")));
    }

    @Test
    void aLurePhraseWithReplyToAtAnotherDomainIsASignal() {
        assertEquals(
                List.of(new SpamSignal(
                        SpamSignal.REPLY_TO_LURE,
                        "Reply-To gmail.com, From promo-aktion.example; \"claim your prize\"")),
                ecom.of(mail(
                        "Prize <info@promo-aktion.example>",
                        "claims.desk@gmail.com",
                        "Hello",
                        "Claim your prize today.",
                        "",
                        null)));
        // another domain without a lure: a customer writing from work who wants the answer at home
        assertEquals(
                List.of(),
                ecom.of(mail("j.roth@firma.de", "jan@gmail.com", "Bestellung", "Bitte privat antworten.", "", null)));
        // a subdomain of the sender's own domain is the sender
        assertEquals(
                List.of(),
                ecom.of(mail("info@mail.shop.de", "kontakt@shop.de", "Gewinnspiel", "Gewinnspiel-Frage", "", null)));
    }

    @Test
    void whatIngestFoundIsPassedOn() {
        String hints = SpamSignal.lines(List.of(
                new SpamSignal(SpamSignal.LINK_MISMATCH, "paypal.de → evil.example"),
                new SpamSignal(SpamSignal.JUNK_MARK, "IMAP keyword $Junk")));
        assertEquals(
                List.of(SpamSignal.LINK_MISMATCH, SpamSignal.JUNK_MARK),
                codes(ecom.of(mail("a@b.de", null, "x", "y", "", hints))));
    }

    @Test
    void bothProfilesHaveLuresAndAProfileWithoutThemHasNone() {
        assertTrue(Lures.load("ecom").phrases().contains("zustellgebühr"), "from the phishing category");
        assertTrue(Lures.load("ecom").phrases().contains("backlinks"), "from the spam category");
        assertTrue(Lures.load("praxis").phrases().contains("ihr konto wurde gesperrt"));
        assertEquals(2, Lures.load("praxis").minHits());
        assertEquals(List.of(), SpamSignals.none().of(mail("Sie haben gewonnen", "Ihr Gewinn, bitcoin, btc")));
        // a trailing space is part of the phrase: "seo " is not "Seoul"
        assertEquals(Set.of(), Lures.load("ecom").found("Lieferung nach Seoul", "seoul"));
    }

    @Test
    void junkMarksFromKeywordsAndGmailLabels() {
        Flags junk = new Flags();
        junk.add("$Junk");
        assertEquals(Optional.of(new SpamSignal(SpamSignal.JUNK_MARK, "IMAP keyword $Junk")), JunkMarks.of(junk, null));
        Flags decided = new Flags();
        decided.add("Junk");
        decided.add("$NotJunk");
        assertEquals(Optional.empty(), JunkMarks.of(decided, null), "a person said it is not junk");
        assertEquals(
                Optional.of(new SpamSignal(SpamSignal.JUNK_MARK, "Gmail label \\Spam")),
                JunkMarks.of(new Flags(Flags.Flag.SEEN), new String[] {"\\Inbox", "\\Spam"}));
        assertEquals(Optional.empty(), JunkMarks.of(new Flags(Flags.Flag.SEEN), new String[] {"\\Inbox", "Kunden"}));
        assertEquals(Optional.empty(), JunkMarks.of(null, null));
    }

    @Test
    void signalsAreStoredOnePerLineAndReadBack() {
        List<SpamSignal> s = List.of(
                new SpamSignal("auth_failed", "dmarc=fail\r\nX-Injected: yes"), new SpamSignal("lure_text", ""));
        String lines = SpamSignal.lines(s);
        assertEquals("auth_failed dmarc=fail X-Injected: yes\nlure_text", lines);
        assertEquals(s, SpamSignal.parse(lines));
        assertEquals(List.of(), SpamSignal.parse(null));
        assertEquals(null, SpamSignal.lines(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SpamSignal("Bad Code", ""));
        assertEquals(200, new SpamSignal("x", "y".repeat(500)).detail().length());
    }

    @Test
    void theTrustedAuthservIdsAreConfiguredAndChecked() {
        assertEquals(
                Set.of("mx.google.com", "mx.example.org"),
                SpamSettings.read(new ConfigProblems(MapConfig.of(
                                java.util.Map.of(SpamSettings.AUTHSERV_ID, " mx.google.com, MX.Example.org ,"))))
                        .authservIds());
        ConfigProblems c =
                new ConfigProblems(MapConfig.of(java.util.Map.of(SpamSettings.AUTHSERV_ID, "mx.google.com; evil")));
        SpamSettings.read(c);
        assertEquals(1, c.problems().size(), c.problems().toString());
        ConfigProblems missing = new ConfigProblems(MapConfig.of(java.util.Map.of()));
        SpamSettings.read(missing);
        assertTrue(
                missing.problems().get(0).startsWith(SpamSettings.AUTHSERV_ID),
                missing.problems().toString());
    }
}
