package e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import dev.LocalMailServer;
import dev.Waits;

/**
 * Where each sent mail got to, counted by Message-ID: rows in its mailer's database (stored,
 * classified, attachments scanned, reply queued) and replies the SMTP server received, matched by
 * their In-Reply-To. Exactly once means: one row, one reply.
 */
final class Ledger {

    /**
     * The counts for one set of mails; {@code complete()} when every one went all the way, once: a reply sent
     * and received once for mail answered from a template, a draft queued (and nothing sent) for mail that asks
     * for an AI draft ({@link Traffic.Answer#DRAFT}).
     */
    record Status(
            int sent,
            int storedOnce,
            int storedMore,
            int classified,
            int classifiedByAi,
            int attachmentsExpected,
            int attachmentsDone,
            int repliesQueued,
            int repliesSent,
            int deliveredOnce,
            int deliveredMore,
            int draftsExpected,
            int drafts,
            int draftsByAi,
            int draftsDelivered) {

        boolean complete() {
            return storedOnce == sent
                    && storedMore == 0
                    && classified == sent
                    && attachmentsDone == attachmentsExpected
                    && repliesSent == templates()
                    && deliveredOnce == templates()
                    && deliveredMore == 0
                    && drafts == draftsExpected
                    && draftsDelivered == 0;
        }

        /** Mails answered from a template: each gets its reply sent. */
        int templates() {
            return sent - draftsExpected;
        }

        boolean stored() {
            return storedOnce == sent && storedMore == 0;
        }

        @Override
        public String toString() {
            return "sent " + sent + ", stored once " + storedOnce
                    + (storedMore > 0 ? " (TWICE: " + storedMore + ")" : "")
                    + ", classified " + classified + " (ai " + classifiedByAi + "), attachments scanned "
                    + attachmentsDone
                    + "/" + attachmentsExpected + ", replies queued " + repliesQueued + ", marked sent " + repliesSent
                    + ", received by SMTP once " + deliveredOnce
                    + (deliveredMore > 0 ? " (MORE THAN ONCE: " + deliveredMore + ")" : "")
                    + (draftsExpected > 0
                            ? ", drafts waiting " + drafts + "/" + draftsExpected + " (ai " + draftsByAi + ")"
                                    + (draftsDelivered > 0 ? " (SENT: " + draftsDelivered + ")" : "")
                            : "");
        }
    }

    private final LocalMailServer server;

    Ledger(LocalMailServer server) {
        this.server = server;
    }

    Status of(List<Traffic.Sent> mails) {
        Map<Mailer, List<Traffic.Sent>> byMailer = mails.stream().collect(Collectors.groupingBy(Traffic.Sent::to));
        int storedOnce = 0, storedMore = 0, classified = 0, ai = 0, attExpected = 0, attDone = 0, queued = 0, sent = 0;
        int drafts = 0, draftsByAi = 0;
        Set<String> draftIds = mails.stream()
                .filter(Traffic.Sent::draft)
                .map(Traffic.Sent::messageId)
                .collect(Collectors.toSet());
        for (var e : byMailer.entrySet()) {
            String[] ids = e.getValue().stream().map(Traffic.Sent::messageId).toArray(String[]::new);
            var db = e.getKey().db();
            for (var row : db.rows(
                    "select message_id, count(*) as n from mail_message where message_id = any(?)"
                            + " group by message_id",
                    (Object) ids)) {
                long n = ((Number) row.get("n")).longValue();
                storedOnce += n == 1 ? 1 : 0;
                storedMore += n > 1 ? 1 : 0;
            }
            var c = db.rows(
                    "select c.classified_by from classification c join mail_message m on m.id = c.mail_id"
                            + " where m.message_id = any(?)",
                    (Object) ids);
            classified += c.size();
            ai += (int)
                    c.stream().filter(r -> "ai".equals(r.get("classified_by"))).count();
            attExpected += (int) e.getValue().stream()
                    .filter(s -> s.attachment() != Traffic.Attachment.NONE)
                    .count();
            attDone += (int) db.count(
                    "select count(*) from attachment a join mail_message m on m.id = a.mail_id"
                            + " where m.message_id = any(?) and a.virus_scan_status <> 'pending'",
                    (Object) ids);
            var o = db.rows(
                    "select o.status, o.kind, m.message_id from outbound_mail o join mail_message m on m.id = o.mail_id"
                            + " where m.message_id = any(?)",
                    (Object) ids);
            queued += o.size();
            sent += (int) o.stream().filter(r -> "SENT".equals(r.get("status"))).count();
            for (var r : o) {
                if (draftIds.contains((String) r.get("message_id")) && "DRAFT".equals(r.get("status"))) {
                    drafts++;
                    draftsByAi += "ai_draft".equals(r.get("kind")) ? 1 : 0;
                }
            }
        }
        Map<String, Integer> replies = repliesByInReplyTo();
        Set<String> ids = mails.stream().map(Traffic.Sent::messageId).collect(Collectors.toSet());
        int once = 0, more = 0, draftsDelivered = 0;
        for (String id : ids) {
            int n = replies.getOrDefault(id, 0);
            if (draftIds.contains(id)) {
                draftsDelivered += n > 0 ? 1 : 0;
                continue;
            }
            once += n == 1 ? 1 : 0;
            more += n > 1 ? 1 : 0;
        }
        return new Status(
                mails.size(),
                storedOnce,
                storedMore,
                classified,
                ai,
                attExpected,
                attDone,
                queued,
                sent,
                once,
                more,
                draftIds.size(),
                drafts,
                draftsByAi,
                draftsDelivered);
    }

    /** Polls until every mail went all the way (or the deadline passes, with the last counts in the error). */
    Status awaitComplete(List<Traffic.Sent> mails, Duration within) {
        return Waits.until(
                within,
                "every mail stored, classified, scanned and answered exactly once",
                () -> safely(mails),
                s -> s != null && s.complete());
    }

    /**
     * The counts, or null while a database does not answer (during an outage) or GreenMail's user
     * list changes under the count (a reply to a new address creates its mailbox): the next look counts again.
     */
    Status safely(List<Traffic.Sent> mails) {
        try {
            return of(mails);
        } catch (IllegalStateException | java.util.ConcurrentModificationException e) {
            return null;
        }
    }

    /** Replies the SMTP server delivered to any mailbox, counted by the Message-ID they answer. */
    Map<String, Integer> repliesByInReplyTo() {
        Map<String, Integer> counts = new HashMap<>();
        for (GreenMailUser user : List.copyOf(server.managers().getUserManager().listUser())) {
            for (StoredMessage m : server.inbox(user).getMessages()) {
                try {
                    String[] h = m.getMimeMessage().getHeader("In-Reply-To");
                    if (h != null) {
                        counts.merge(h[0].trim(), 1, Integer::sum);
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return counts;
    }
}
