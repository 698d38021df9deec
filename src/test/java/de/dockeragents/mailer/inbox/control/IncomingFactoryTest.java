package de.dockeragents.mailer.inbox.control;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import de.dockeragents.mailer.mailbox.control.ImapMailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncomingFactoryTest {

    final IncomingFactory factory = new IncomingFactory();

    @Test
    void gmailsMessageIdWinsOverTheContentHash() {
        assertEquals("gm:42", IncomingFactory.dedupeKey(42L, "<a@b>", "ff"));
        assertEquals(IncomingFactory.dedupeKey(null, "<a@b>", "ff"), IncomingFactory.dedupeKey(null, "<a@b>", "ff"));
        assertNotEquals(
                IncomingFactory.dedupeKey(null, "<a@b>", "ff"),
                IncomingFactory.dedupeKey(null, "<a@b>", "fe"),
                "the same Message-ID with other content is another mail");
    }

    @Test
    void theSameBytesUnderAnotherUidAreTheSameMail() {
        byte[] raw = "From: a@b\r\nMessage-ID: <m@b>\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        var one = factory.downloaded("INBOX", 1, new ImapMailbox.Announced(5, raw.length, null), raw, true);
        var two = factory.downloaded("INBOX", 2, new ImapMailbox.Announced(9, raw.length, null), raw, false);
        assertEquals(one.message().dedupeKey(), two.message().dedupeKey());
        assertEquals(MailStatus.STORED, one.message().status());
        assertEquals(ServerAction.PENDING, one.message().serverAction());
        assertEquals(ServerAction.NONE, two.message().serverAction());
    }

    @Test
    void anUnparseableMessageKeepsItsBytesAndStatus() {
        byte[] raw =
                "Content-Transfer-Encoding: base64\r\n\r\n@@@ not base64 !!!\r\n".getBytes(StandardCharsets.US_ASCII);
        var in = factory.downloaded("INBOX", 1, new ImapMailbox.Announced(1, raw.length, null), raw, false);
        assertEquals(MailStatus.PARSE_ERROR, in.message().status());
        assertEquals(raw, in.raw());
    }

    @Test
    void malformedMimeReadLenientlyIsStoredAndSaysSo() throws Exception {
        byte[] raw;
        try (var in = getClass().getResourceAsStream("/mime/malformed/boundary-in-header-never-used-in-body.eml")) {
            raw = in.readAllBytes();
        }
        var in = factory.downloaded("INBOX", 1, new ImapMailbox.Announced(4, raw.length, null), raw, false);
        assertEquals(MailStatus.STORED, in.message().status());
        assertTrue(in.message().malformed());
        assertEquals(raw, in.raw());
    }

    @Test
    void anOversizedMessageIsKeyedByMessageIdAndSizeWithoutContent() {
        byte[] head = "Message-ID: <big@x>\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        var a = factory.tooLarge("INBOX", 1, new ImapMailbox.Announced(3, 9_000_000, null), head, 1000);
        var b = factory.tooLarge("INBOX", 2, new ImapMailbox.Announced(8, 9_000_000, null), head, 1000);
        assertEquals(a.message().dedupeKey(), b.message().dedupeKey(), "recognised again after a UIDVALIDITY change");
        assertEquals(MailStatus.TOO_LARGE, a.message().status());
        assertEquals(null, a.raw());
        assertTrue(a.message().dedupeKey().startsWith("large:"));
    }
}
