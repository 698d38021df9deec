package e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;

import dev.LocalMailServer;

import de.dockeragents.mailer.triage.control.LabelNames;

/**
 * What the mailer wrote into its mailbox for a set of mails, counted over IMAP per mail (by Message-ID) and
 * held against the database: the labels of each classification (label folder copies with
 * {@code mailer.labels.mode=folders}, as on Gmail; IMAP keywords otherwise) and the copy of each draft in the
 * Drafts folder. Once means: every label there exactly once, in no label it should not have; one draft row,
 * one copy of it in Drafts, and no Drafts copy answering a mail that got no draft.
 */
final class MailboxCopies {

    private MailboxCopies() {}

    /** One mailer's labels: {@code mails} classified mails, how many carry their labels once, and what is wrong. */
    record Labels(
            String mailer, boolean folders, int mails, int once, int missing, int twice, int stray, int recorded) {

        boolean complete() {
            return recorded == mails && once == mails && missing == 0 && twice == 0 && stray == 0;
        }

        @Override
        public String toString() {
            return mailer + " (" + (folders ? "label folders" : "IMAP keywords") + ") " + once + "/" + mails
                    + " once, " + missing + " missing, " + twice + " twice, " + stray + " in a wrong label, "
                    + recorded + " recorded";
        }
    }

    /** One mailer's drafts: {@code expected} mails asking for one, how many have it in Drafts once. */
    record Drafts(
            String mailer,
            int expected,
            int queued,
            int ai,
            int suspicious,
            int once,
            int missing,
            int twice,
            int stray,
            int recorded) {

        boolean complete() {
            return queued == expected
                    && suspicious == 0
                    && recorded == expected
                    && once == expected
                    && missing == 0
                    && twice == 0
                    && stray == 0;
        }

        @Override
        public String toString() {
            return mailer + " " + once + "/" + expected + " in Drafts once (drafts queued " + queued + ", ai " + ai
                    + (suspicious > 0 ? ", SUSPICIOUS " + suspicious : "") + "), " + missing + " missing, " + twice
                    + " twice, " + stray + " for mail without a draft, " + recorded + " recorded";
        }
    }

    /** How many of {@code mails} (all to {@code mailer}) the database does not yet record as labelled. */
    static long labelsDue(Mailer mailer, List<Traffic.Sent> mails) {
        String[] ids = mails.stream().map(Traffic.Sent::messageId).toArray(String[]::new);
        long labelled = mailer.db()
                .count(
                        "select count(*) from classification c join mail_message m on m.id = c.mail_id"
                                + " where m.message_id = any(?) and c.labels_applied"
                                + " = coalesce(c.corrected_category, c.category) || ' ' || c.priority",
                        (Object) ids);
        return mails.size() - labelled;
    }

    /** How many drafts for {@code mails} (all to {@code mailer}) the database does not yet record as copied. */
    static long draftsDue(Mailer mailer, List<Traffic.Sent> mails) {
        String[] ids = mails.stream()
                .filter(Traffic.Sent::draft)
                .map(Traffic.Sent::messageId)
                .toArray(String[]::new);
        long copied = mailer.db()
                .count(
                        "select count(*) from outbound_mail o join mail_message m on m.id = o.mail_id"
                                + " join draft_copy d on d.outbound_id = o.id"
                                + " where m.message_id = any(?) and o.status = 'DRAFT' and d.appended_at is not null",
                        (Object) ids);
        return ids.length - copied;
    }

    /** The labels of {@code mails} (all to {@code mailer}) as its mailbox shows them now. */
    static Labels labels(LocalMailServer server, Mailer mailer, List<Traffic.Sent> mails) throws MessagingException {
        LabelNames names = LabelNames.load(mailer.name());
        String[] ids = mails.stream().map(Traffic.Sent::messageId).toArray(String[]::new);
        var rows = mailer.db()
                .rows(
                        "select m.message_id, coalesce(c.corrected_category, c.category) as category, c.priority,"
                                + " c.labels_applied from classification c join mail_message m on m.id = c.mail_id"
                                + " where m.message_id = any(?)",
                        (Object) ids);
        int once = 0, missing = 0, twice = 0, stray = 0, recorded = 0;
        try (Mailbox box = Mailbox.open(server, mailer.account())) {
            char separator = box.separator();
            Map<String, Map<String, Integer>> folders = new HashMap<>();
            Map<String, Set<String>> keywords = Map.of();
            if (mailer.labelFolders()) {
                for (String f : box.below(names.root())) {
                    folders.put(f, box.byMessageId(f));
                }
            } else {
                keywords = box.keywords("INBOX");
            }
            for (var r : rows) {
                String id = (String) r.get("message_id");
                String category = (String) r.get("category");
                String priority = (String) r.get("priority");
                recorded += (category + " " + priority).equals(r.get("labels_applied")) ? 1 : 0;
                boolean lacks = false, doubled = false, wrong = false;
                if (mailer.labelFolders()) {
                    List<String> wanted = names.folders(category, priority, separator);
                    for (String w : wanted) {
                        int n = folders.getOrDefault(w, Map.of()).getOrDefault(id, 0);
                        lacks |= n == 0;
                        doubled |= n > 1;
                    }
                    for (var f : folders.entrySet()) {
                        wrong |= !wanted.contains(f.getKey()) && f.getValue().getOrDefault(id, 0) > 0;
                    }
                } else {
                    // a keyword is set or not: it cannot be there twice, only missing or wrong
                    List<String> wanted = names.keywords(category, priority);
                    Set<String> shown = keywords.getOrDefault(id, Set.of());
                    lacks = !shown.containsAll(wanted);
                    wrong = shown.stream().anyMatch(k -> k.startsWith("Mailer_") && !wanted.contains(k));
                }
                missing += lacks ? 1 : 0;
                twice += doubled ? 1 : 0;
                stray += wrong ? 1 : 0;
                once += !lacks && !doubled && !wrong ? 1 : 0;
            }
        }
        // a mail without its classification row cannot be labelled: it counts as missing
        missing += mails.size() - rows.size();
        return new Labels(mailer.name(), mailer.labelFolders(), mails.size(), once, missing, twice, stray, recorded);
    }

    /** The Drafts folder copies of the drafts for {@code mails} (all to {@code mailer}), as its mailbox shows them. */
    static Drafts drafts(LocalMailServer server, Mailer mailer, List<Traffic.Sent> mails) throws MessagingException {
        List<Traffic.Sent> wanted = mails.stream().filter(Traffic.Sent::draft).toList();
        String[] ids = wanted.stream().map(Traffic.Sent::messageId).toArray(String[]::new);
        var rows = mailer.db()
                .rows(
                        "select m.message_id as original, o.message_id, o.kind, o.suspicious, d.appended_at"
                                + " from outbound_mail o join mail_message m on m.id = o.mail_id"
                                + " left join draft_copy d on d.outbound_id = o.id"
                                + " where m.message_id = any(?) and o.status = 'DRAFT'",
                        (Object) ids);
        Map<String, Integer> rowsPerMail = new HashMap<>();
        rows.forEach(r -> rowsPerMail.merge((String) r.get("original"), 1, Integer::sum));
        int queued = 0, ai = 0, suspicious = 0, once = 0, missing = 0, twice = 0, stray = 0, recorded = 0;
        try (Mailbox box = Mailbox.open(server, mailer.account())) {
            Map<String, Integer> byId = box.byMessageId(LocalMailServer.DRAFTS);
            Map<String, Integer> answering = box.byInReplyTo(LocalMailServer.DRAFTS);
            for (var r : rows) {
                String original = (String) r.get("original");
                int copies = byId.getOrDefault((String) r.get("message_id"), 0);
                int answers = answering.getOrDefault(original, 0);
                boolean single = rowsPerMail.get(original) == 1;
                queued += single ? 1 : 0;
                ai += "ai_draft".equals(r.get("kind")) ? 1 : 0;
                suspicious += Boolean.TRUE.equals(r.get("suspicious")) ? 1 : 0;
                recorded += r.get("appended_at") != null ? 1 : 0;
                missing += copies == 0 ? 1 : 0;
                twice += copies > 1 || answers > 1 || !single ? 1 : 0;
                once += copies == 1 && answers == 1 && single ? 1 : 0;
            }
            for (Traffic.Sent s : mails) {
                stray += !s.draft() && answering.getOrDefault(s.messageId(), 0) > 0 ? 1 : 0;
            }
        }
        // a draft mail without its draft row has no copy either
        missing += (int) wanted.stream()
                .filter(s -> !rowsPerMail.containsKey(s.messageId()))
                .count();
        return new Drafts(mailer.name(), wanted.size(), queued, ai, suspicious, once, missing, twice, stray, recorded);
    }
}
