package de.dockeragents.mailer.spam.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.internet.InternetHeaders;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.control.Quotes;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * Everything that says "spam, phishing or bulk" about a mail, whatever the model made of it: the
 * receiving side's SPF/DKIM/DMARC verdict, spam filter flags, the server's junk mark and the links
 * (both found at ingest), several of the profile's lure phrases in the sender's own words (quotes
 * left out), and any lure phrase with a Reply-To at another domain than the sender's. Any signal means no automatic reply and no AI draft; staff
 * see the signals instead. List and bulk headers are the loop guard's part.
 */
public final class SpamSignals {

    private static final int MAX_PHRASES_SHOWN = 3;

    private final Lures lures;
    private final Set<String> authservIds;

    public SpamSignals(Lures lures, Set<String> authservIds) {
        this.lures = lures;
        this.authservIds = authservIds;
    }

    /** No signals ever (a planner without a profile's data, in unit tests). */
    public static SpamSignals none() {
        return new SpamSignals(new Lures(List.of(), Integer.MAX_VALUE), Set.of());
    }

    public List<SpamSignal> of(MailFacts mail) {
        List<SpamSignal> out = new ArrayList<>();
        InternetHeaders h = mail.headerFields();
        AuthResults.trusted(h.getHeader("Authentication-Results"), authservIds).ifPresent(ar -> {
            List<String> failed = ar.failures();
            if (!failed.isEmpty()) {
                String from = ar.property("dmarc", "header.from")
                        .map(d -> ", header.from=" + d)
                        .orElse("");
                out.add(new SpamSignal(
                        SpamSignal.AUTH_FAILED, String.join(", ", failed) + " (" + ar.authservId() + from + ")"));
            }
        });
        spamFlag(h).ifPresent(out::add);
        out.addAll(SpamSignal.parse(mail.spamHints()));
        // the sender's own words: a customer answering our newsletter quotes its "unsubscribe" footer
        Set<String> own = lures.found(mail.subject(), Quotes.strip(mail.body()));
        if (own.size() >= lures.minHits()) {
            out.add(new SpamSignal(SpamSignal.LURE_TEXT, quoted(own)));
        }
        Set<String> phrases = lures.found(mail.subject(), mail.body());
        if (!phrases.isEmpty()) {
            replyToElsewhere(mail)
                    .ifPresent(d -> out.add(new SpamSignal(SpamSignal.REPLY_TO_LURE, d + "; " + quoted(phrases))));
        }
        return out;
    }

    /** A spam filter's verdict in the headers: SpamAssassin's X-Spam-Flag / X-Spam-Status, rspamd's X-Spam. */
    static Optional<SpamSignal> spamFlag(InternetHeaders h) {
        for (String name : List.of("X-Spam-Flag", "X-Spam-Status", "X-Spam")) {
            String[] values = h.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                String s = v.strip().toLowerCase(Locale.ROOT);
                if (s.startsWith("yes") || s.startsWith("true")) {
                    return Optional.of(new SpamSignal(
                            SpamSignal.SPAM_FLAG, name + ": " + v.strip().split("[\\s,;]")[0]));
                }
            }
        }
        return Optional.empty();
    }

    /** "Reply-To example.net, From example.com" when replies would go to another owner than the sender's. */
    static Optional<String> replyToElsewhere(MailFacts mail) {
        Optional<String> from =
                Addresses.first(mail.from()).map(Addresses::domain).flatMap(Domains::registrable);
        Optional<String> replyTo =
                Addresses.first(mail.replyTo()).map(Addresses::domain).flatMap(Domains::registrable);
        if (from.isEmpty() || replyTo.isEmpty() || from.equals(replyTo)) {
            return Optional.empty();
        }
        return Optional.of("Reply-To " + replyTo.get() + ", From " + from.get());
    }

    private static String quoted(Set<String> phrases) {
        String shown = phrases.stream()
                .limit(MAX_PHRASES_SHOWN)
                .map(p -> "\"" + p + "\"")
                .collect(Collectors.joining(", "));
        return phrases.size() > MAX_PHRASES_SHOWN ? shown + " (+" + (phrases.size() - MAX_PHRASES_SHOWN) + ")" : shown;
    }
}
