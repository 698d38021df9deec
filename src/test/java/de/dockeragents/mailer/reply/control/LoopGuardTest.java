package de.dockeragents.mailer.reply.control;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.triage.entity.MailFacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopGuardTest {

    final LoopGuard guard = new LoopGuard(Set.of(ReplyMails.OWN, "info@example.de"));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "erika@example.org|Auto-Submitted: auto-replied|AUTO_SUBMITTED",
                "erika@example.org|Auto-Submitted: auto-generated|AUTO_SUBMITTED",
                "erika@example.org|X-Autoreply: yes|AUTO_SUBMITTED",
                "erika@example.org|X-Auto-Response-Suppress: OOF, AutoReply|AUTO_SUBMITTED",
                "erika@example.org|Precedence: bulk|PRECEDENCE",
                "erika@example.org|Precedence: list|PRECEDENCE",
                "erika@example.org|Precedence: junk|PRECEDENCE",
                "erika@example.org|List-Id: <news.example.org>|MAILING_LIST",
                "erika@example.org|List-Unsubscribe: <mailto:u@example.org>|MAILING_LIST",
                "erika@example.org|Return-Path: <>|BOUNCE",
                "erika@example.org|Content-Type: multipart/report; report-type=delivery-status; boundary=x|BOUNCE",
                "MAILER-DAEMON@mx.example.org||NO_REPLY_SENDER",
                "postmaster@example.org||NO_REPLY_SENDER",
                "no-reply@shop.example||NO_REPLY_SENDER",
                "noreply@bank.example||NO_REPLY_SENDER",
                "do-not-reply@portal.example||NO_REPLY_SENDER",
                "news-bounces@list.example||NO_REPLY_SENDER",
                "praxis@example.de||OWN_ADDRESS",
                "Info <INFO@example.de>||OWN_ADDRESS"
            })
    void automaticMailGetsNoReply(String from, String header, SuppressReason expected) {
        MailFacts mail = ReplyMails.mail(from, null, header == null ? "" : header);
        assertEquals(
                Optional.of(expected), guard.check(mail, Recipients.of(mail).orElse(null)));
    }

    @Test
    void autoSubmittedNoIsAPersonsMail() {
        MailFacts mail = ReplyMails.mail("erika@example.org", null, "Auto-Submitted: no");
        assertEquals(Optional.empty(), guard.check(mail, "erika@example.org"));
    }

    @Test
    void theParsedColumnsCountToo() {
        MailFacts m = new MailFacts(
                1, "erika@example.org", null, "s", "b", null, null, null, "auto-replied", null, null, false, "");
        assertEquals(Optional.of(SuppressReason.AUTO_SUBMITTED), guard.check(m, "erika@example.org"));
        MailFacts list =
                new MailFacts(1, "erika@example.org", null, "s", "b", null, null, null, null, null, null, true, "");
        assertEquals(Optional.of(SuppressReason.MAILING_LIST), guard.check(list, "erika@example.org"));
    }

    @Test
    void aReplyToOurselvesViaReplyToIsStopped() {
        MailFacts mail = ReplyMails.mail("erika@example.org", "praxis@example.de", "");
        assertEquals(
                Optional.of(SuppressReason.OWN_ADDRESS),
                guard.check(mail, Recipients.of(mail).orElse(null)));
    }

    @Test
    void noUsableSenderMeansNoReply() {
        MailFacts mail = ReplyMails.mail("undisclosed-recipients:;", null, "");
        assertTrue(Recipients.of(mail).isEmpty());
        assertEquals(Optional.of(SuppressReason.NO_RECIPIENT), guard.check(mail, null));
    }

    @Test
    void recipientIsReplyToIfSingleElseFrom() {
        assertEquals(
                "reply@example.org",
                Recipients.of(ReplyMails.mail("erika@example.org", "Erika <Reply@Example.org>", ""))
                        .orElseThrow());
        assertEquals(
                "erika@example.org",
                Recipients.of(ReplyMails.mail("Erika <erika@example.org>", "a@x.org, b@y.org", ""))
                        .orElseThrow());
        assertEquals(
                "erika@example.org",
                Recipients.of(ReplyMails.mail("Erika <erika@example.org>", "not an address", ""))
                        .orElseThrow());
        assertTrue(Recipients.of(ReplyMails.mail("a@x.org, b@y.org", null, "")).isEmpty(), "two senders: no guess");
    }
}
