package de.dockeragents.mailer.spam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import de.dockeragents.mailer.inbox.control.MessageParser;
import de.dockeragents.mailer.inbox.control.ParseFailure;
import de.dockeragents.mailer.inbox.entity.ParsedFields;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * The raw mails under {@code src/test/resources/corpus/}: {@code spam/} (spam, phishing, bulk; none may
 * ever be answered) and {@code shop/} (customers and suppliers of a shop; each must still be answered).
 * Each file is one mail as Gmail's IMAP server hands it out, its arrival headers included.
 */
public final class Corpus {

    /** One mail of the corpus: its file name (without .eml) and its bytes. */
    public record Mail(String name, byte[] raw) {

        /** The Message-ID the file carries. */
        public String messageId() {
            Matcher m = MESSAGE_ID.matcher(new String(raw, StandardCharsets.ISO_8859_1));
            if (!m.find()) {
                throw new IllegalStateException(name + " has no Message-ID");
            }
            return m.group(1);
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("(?mi)^Message-ID:\\s*(<[^>]+>)");
    private static final Pattern ADDRESS_HEADER = Pattern.compile("(?mi)^(From|Reply-To):.*$");
    private static final Pattern LOCAL_PART = Pattern.compile("([A-Za-z0-9._%+-]+)@");

    private Corpus() {}

    public static List<Mail> spam() {
        return load("corpus/spam");
    }

    public static List<Mail> shop() {
        return load("corpus/shop");
    }

    static List<Mail> load(String resource) {
        URL url = Corpus.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("no " + resource + " on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".eml"))
                    .sorted()
                    .map(p -> {
                        try {
                            String file = p.getFileName().toString();
                            return new Mail(file.substring(0, file.length() - 4), Files.readAllBytes(p));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mail as the stored row gives it to triage and replies (what TriageStore.load reads). */
    public static MailFacts facts(Mail mail, long id) {
        ParsedFields p;
        try {
            p = new MessageParser().parse(mail.raw());
        } catch (ParseFailure e) {
            throw new IllegalStateException(mail.name() + " does not parse", e);
        }
        String raw = new String(mail.raw(), StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        return new MailFacts(
                id,
                p.from(),
                p.replyTo(),
                p.subject(),
                p.textBody() != null ? p.textBody() : p.htmlText(),
                null,
                p.messageId(),
                p.references(),
                p.autoSubmitted(),
                p.precedence(),
                p.listId(),
                p.listUnsubscribe(),
                end < 0 ? raw : raw.substring(0, end),
                p.spamHints());
    }

    /**
     * The same mail as a new one: its Message-ID and its senders' addresses (From, Reply-To) carry
     * {@code tag}, so a second run neither counts as a duplicate nor meets the per-sender daily cap.
     */
    public static byte[] variant(Mail mail, String tag) {
        String raw = new String(mail.raw(), StandardCharsets.UTF_8);
        raw = MESSAGE_ID
                .matcher(raw)
                .replaceFirst(m -> Matcher.quoteReplacement(
                        "Message-ID: <" + tag + "." + m.group(1).substring(1)));
        Matcher headers = ADDRESS_HEADER.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (headers.find()) {
            String line = LOCAL_PART
                    .matcher(headers.group())
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "+" + tag + "@"));
            headers.appendReplacement(out, Matcher.quoteReplacement(line));
        }
        headers.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
