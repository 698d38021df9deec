package de.dockeragents.mailer.inbox.control;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import de.dockeragents.mailer.inbox.entity.ParsedFields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageParserTest {

    final MessageParser parser = new MessageParser();

    static byte[] mail(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsHeadersAddressesAndTheTextBody() throws ParseFailure {
        ParsedFields p = parser.parse(mail("""
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>
                Reply-To: antwort@example.org
                To: praxis@example.de, "Dr. Weiss" <weiss@example.de>
                Cc: kopie@example.de
                Subject: =?UTF-8?B?UsO8Y2tmcmFnZQ==?=
                Date: Tue, 03 Nov 2026 10:15:00 +0100
                Message-ID: <abc@example.org>
                In-Reply-To: <prev@example.de>
                References: <first@example.de> <prev@example.de>
                Auto-Submitted: auto-replied
                Precedence: bulk
                List-Id: <news.example.org>
                List-Unsubscribe: <mailto:off@example.org>
                Content-Type: text/plain; charset=UTF-8

                Zeile eins
                Zeile zwei
                """));
        assertEquals("\"Jürgen Müller\" <juergen@example.org>", p.from());
        assertEquals("antwort@example.org", p.replyTo());
        assertEquals("praxis@example.de, \"Dr. Weiss\" <weiss@example.de>", p.to());
        assertEquals("kopie@example.de", p.cc());
        assertEquals("Rückfrage", p.subject());
        assertEquals("<abc@example.org>", p.messageId());
        assertEquals("2026-11-03T09:15Z", p.sentAt().toString());
        assertEquals("Zeile eins\nZeile zwei\n", p.textBody());
        assertNull(p.htmlText());
        assertEquals("<prev@example.de>", p.inReplyTo());
        assertEquals("<first@example.de> <prev@example.de>", p.references());
        assertEquals("auto-replied", p.autoSubmitted());
        assertEquals("bulk", p.precedence());
        assertEquals("<news.example.org>", p.listId());
        assertTrue(p.listUnsubscribe());
        assertEquals(0, p.attachmentCount());
    }

    @Test
    void countsAttachmentsIncludingForwardedMailAndPrefersTheFirstTextAndHtmlParts() throws ParseFailure {
        ParsedFields p = parser.parse(mail("""
                From: a@example.org
                Subject: mixed
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8

                plain text
                --alt
                Content-Type: text/html; charset=UTF-8

                <p>html <b>text</b></p>
                --alt--
                --outer
                Content-Type: application/pdf; name="a.pdf"
                Content-Disposition: attachment; filename="a.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --outer
                Content-Type: message/rfc822

                From: b@example.org
                Subject: inner

                inner body
                --outer
                Content-Type: image/png; name="inline.png"
                Content-Disposition: inline; filename="inline.png"
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --outer--
                """));
        assertEquals("plain text", p.textBody().strip());
        assertEquals("html text", p.htmlText());
        assertEquals(3, p.attachmentCount());
    }

    @Test
    void brokenBase64MakesTheMessageAParseFailure() {
        ParseFailure failure = assertThrows(ParseFailure.class, () -> parser.parse(mail("""
                From: a@example.org
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                @@@ not base64 !!!
                """)));
        assertTrue(failure.reason().contains("Exception"), failure.reason());
    }

    @Test
    void anUnparseableAddressIsKeptAsWrittenAndNulCharactersAreRemoved() throws ParseFailure {
        ParsedFields p = parser.parse(mail("From: <<not an address@@>\nSubject: a\0b\n\nbody\0text\n"));
        assertEquals("<<not an address@@>", p.from());
        assertEquals("ab", p.subject());
        assertFalse(p.textBody().contains("\0"));
    }

    /** One mail of the malformed corpus: what must be read out of it, and whether the strict reading managed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // file | text or HTML text contains | subject | attachments | read leniently
                "boundary-in-header-never-used-in-body.eml | starke Schmerzen in der Brust und bekomme schlecht Luft | Frage | 0 | true",
                "multipart-declared-but-body-is-plain-text.eml | einen Termin zur Vorsorge | Terminanfrage | 0 | true",
                "nested-alternative-missing-start-boundary.eml | hat 40,2 Fieber und ist kaum wach | Bitte dringend | 1 | true",
                "content-type-parameter-list-broken.eml | neues Rezept für mein Blutdruckmittel | Rezept | 0 | true",
                "content-type-charset-in-unbalanced-quote.eml | leider absagen. Grüße, Jörg | Termin absagen | 0 | true",
                "base64-text-with-stray-characters-and-no-padding.eml | Überweisung zum Orthopäden. Danke! | Ueberweisung | 0 | true",
                "truncated-inside-base64-attachment.eml | Befund vom Radiologen | Befund anbei | 1 | true",
                "unknown-charset-bytes-in-utf8.eml | während der Schwangerschaft bekommen? Grüße | Impfung | 0 | true",
                "unknown-charset-bytes-in-windows-1252.eml | Die Rechnung über 45 € habe ich überwiesen. Grüße aus Köln | Rechnung | 0 | true",
                "unknown-transfer-encoding.eml | Sind meine Laborwerte schon da? | Laborwerte | 0 | true",
                "html-only-base64-with-noise-and-incomplete-last-quantum.eml | plötzlich einen hängenden Mundwinkel | Papa | 0 | true",
                "8bit-utf8-in-subject-and-from.eml | Ist die Überweisung schon fertig? | Rückfrage zur Überweisung | 0 | false",
                "8bit-latin1-in-subject-and-from.eml | Soll ich vorbeikommen? | Schwindel und Übelkeit seit gestern | 0 | false",
                "quoted-printable-with-broken-escapes.eml | Haben Sie am Samstag geöffnet? | Sprechzeiten | 0 | false",
            })
    void malformedMailStillGetsItsText(String file, String text, String subject, int attachments, boolean lenient)
            throws Exception {
        ParsedFields p = parser.parse(corpus(file));
        String readable =
                (p.textBody() == null ? "" : p.textBody()) + "\n" + (p.htmlText() == null ? "" : p.htmlText());
        assertTrue(readable.contains(text), readable);
        assertFalse(readable.contains("\uFFFD"), readable);
        assertFalse(readable.contains("Content-Type:"), "no part headers in the text: " + readable);
        assertEquals(subject, p.subject());
        assertEquals(attachments, p.attachmentCount());
        assertEquals(lenient, p.malformed() != null, String.valueOf(p.malformed()));
    }

    @Test
    void rawEightBitHeadersAreReadAsUtf8OrWindows1252() throws Exception {
        assertEquals(
                "\"Jürgen Müller\" <juergen@patient.example>",
                parser.parse(corpus("8bit-utf8-in-subject-and-from.eml")).from());
        assertEquals(
                "\"Jörg Weiß\" <joerg@patient.example>",
                parser.parse(corpus("8bit-latin1-in-subject-and-from.eml")).from());
    }

    @Test
    void theMismatchedBoundaryIsRepairedSoEveryPartIsDecoded() throws Exception {
        ParsedFields p = parser.parse(corpus("boundary-in-header-never-used-in-body.eml"));
        // quoted-printable decoded, not shown as "Gr=C3=BC=C3=9Fe"
        assertTrue(p.textBody().contains("Grüße\nAnna Beispiel"), p.textBody());
        assertEquals("Guten Tag,\nich habe seit einer Stunde starke Schmerzen in der Brust", p.htmlText());
        assertTrue(p.malformed().contains("Missing start boundary"), p.malformed());
    }

    @Test
    void aTextPartOfAnUnparseableTypeIsNotTakenForItsStreamObject() throws Exception {
        // Jakarta Mail hands such a part over as an InputStream; its toString() must never become the text
        ParsedFields p = parser.parse(corpus("content-type-charset-in-unbalanced-quote.eml"));
        assertFalse(p.textBody().contains("InputStream@"), p.textBody());
    }

    @Test
    void aSubjectWithAnUndecodableBodyIsStillAMailToTriage() throws ParseFailure {
        // the body is lost, but the subject alone can carry an emergency
        ParsedFields p = parser.parse(mail("""
                From: a@example.org
                Subject: Notfall
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                @@@ this is not base64 !!!
                """));
        assertEquals("Notfall", p.subject());
        assertNull(p.textBody(), "garbage bytes are not shown as text");
        assertTrue(p.malformed().contains("BASE64Decoder"), p.malformed());
    }

    @Test
    void nothingReadableIsAParseFailureAfterBothReadings() {
        ParseFailure failure = assertThrows(
                ParseFailure.class, () -> parser.parse(corpus("unreadable-no-subject-and-body-not-base64.eml")));
        assertTrue(failure.reason().endsWith("; read leniently: nothing readable"), failure.reason());
    }

    @Test
    void nestingDeeperThanAnyoneSendsIsRefusedByBothReadings() {
        ParseFailure failure =
                assertThrows(ParseFailure.class, () -> parser.parse(corpus("nested-deeper-than-anyone-sends.eml")));
        assertTrue(
                failure.reason().contains("read leniently: MimeException: MIME nesting deeper than"), failure.reason());
    }

    @Test
    void wellFormedMailIsReadStrictlyOnly() throws ParseFailure {
        ParsedFields p =
                parser.parse(mail("From: a@example.org\nSubject: s\nContent-Type: text/plain; charset=UTF-8\n\nok\n"));
        assertNull(p.malformed());
    }

    static byte[] corpus(String name) throws java.io.IOException {
        try (var in = MessageParserTest.class.getResourceAsStream("/mime/malformed/" + name)) {
            return in.readAllBytes();
        }
    }

    /** What staff read, and the safety rules with them: every transfer encoding decoded, HTML as text. */
    @Test
    void decodesBase64AndQuotedPrintableBodiesAndRendersHtmlOnlyMail() throws ParseFailure {
        String html = java.util.Base64.getMimeEncoder()
                .encodeToString("<html><body><p>Mein Mann hat <b>Brust</b>schmerzen &amp; Atemnot</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
        ParsedFields htmlOnly = parser.parse(mail("From: a@example.org\nSubject: =?utf-8?B?SGlsZmUgZMO8cmluZ2VuZA==?=\n"
                + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + html + "\n"));
        assertEquals("Hilfe düringend", htmlOnly.subject());
        assertNull(htmlOnly.textBody());
        assertEquals("Mein Mann hat Brustschmerzen & Atemnot", htmlOnly.htmlText());

        ParsedFields qp = parser.parse(mail("""
                From: a@example.org
                Subject: =?iso-8859-1?Q?Ohnm=E4chtig?=
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Meine Mutter ist ohnm=E4chtig geworden und hat Brustschm=
                erzen.
                """));
        assertEquals("Ohnmächtig", qp.subject());
        assertEquals(
                "Meine Mutter ist ohnmächtig geworden und hat Brustschmerzen.",
                qp.textBody().strip());
    }

    @Test
    void anEmptyTextPartBesideTheHtmlIsNoText() throws ParseFailure {
        ParsedFields p = parser.parse(mail("""
                From: a@example.org
                Subject: x
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                \s\s
                --b
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                <p>Ich bekomme kaum Luft</p>
                --b--
                """));
        assertNull(p.textBody(), "the page and triage show the HTML part then");
        assertEquals("Ich bekomme kaum Luft", p.htmlText());
    }

    @Test
    void aCharsetJavaDoesNotKnowStillGivesTheText() throws ParseFailure {
        byte[] latin1 = ("From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain; charset=unknown-8bit\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nIch habe Brustschmerzen und bin m\u00fcde\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                "Ich habe Brustschmerzen und bin müde",
                parser.parse(latin1).textBody().strip());
        byte[] utf8 =
                ("From: a@example.org\r\nSubject: x\r\nContent-Type: text/html; charset=x-typo\r\n\r\n<p>Atemnot \u00fcberall</p>\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals("Atemnot überall", parser.parse(utf8).htmlText());
    }

    @Test
    void readsTheMessageIdOfBareHeaders() {
        assertEquals("<x@y>", parser.messageIdOf(mail("Message-ID: <x@y>\n\n")));
        assertNull(parser.messageIdOf(mail("Subject: none\n\n")));
    }

    @Test
    void linksOfTheHtmlPartThatShowOneDomainAndOpenAnotherAreKeptAsSpamHints() throws ParseFailure {
        ParsedFields p = parser.parse(mail("""
                From: service@paypal.example
                Subject: Konto
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8

                Bitte anmelden: www.paypal.de
                --b
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                <p>Bitte anmelden: <a href=3D"https://paypal.de.login-check.example/x">www.p=
                aypal.de</a></p>
                --b--
                """));
        assertEquals("link_mismatch www.paypal.de → paypal.de.login-check.example", p.spamHints());
        assertNull(parser.parse(mail("From: a@b.de\nSubject: x\n\nNur Text mit www.paypal.de\n"))
                .spamHints());
    }
}
