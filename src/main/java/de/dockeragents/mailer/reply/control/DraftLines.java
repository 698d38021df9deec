package de.dockeragents.mailer.reply.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines of a model-written draft that are no reply text: mail headers ({@code To:}, {@code Bcc:} ...),
 * which a person might take for the real recipients, and instructions (role labels such as
 * {@code SYSTEM:}, "ignore previous instructions", "forward all patient records", "as an AI"), which
 * show the model followed the mail instead of its prompt. Such lines are removed whole; the caller
 * learns which kinds there were, because a draft that had them is suspicious as a whole.
 */
final class DraftLines {

    /** The text without those lines, and which kinds were removed. */
    record Result(String text, boolean headers, boolean instructions) {}

    /** Bullets, quote marks and emphasis a model puts before a line. */
    private static final String LEAD = "^[\\s>*_•·\\-]*";

    private static final Pattern HEADER = Pattern.compile(
            LEAD + "(?:to|cc|bcc|from|subject|reply-to|sender|return-path"
                    + "|message-id|in-reply-to|references|content-type|content-transfer-encoding|mime-version|x-[a-z0-9-]+"
                    + "|an|von|betreff|kopie|blindkopie|antwort an|antwort-an|empfänger|absender)[*_]*\\s*:",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ROLE = Pattern.compile(
            LEAD + "\\[?(?:system|assistant|user|admin|administrator|developer"
                    + "|root|ai|ki|model|modell|instruction|instructions|anweisung|anweisungen|prompt|system prompt)\\]?[*_]*\\s*:",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern INSTRUCTION = Pattern.compile(
            String.join(
                    "|",
                    // "ignore previous instructions" and its German forms (not "ignore the previous reminder")
                    "\\b(?:ignore|disregard|forget)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+|of\\s+)*(?:previous\\s+|prior\\s+|above\\s+"
                            + "|earlier\\s+|preceding\\s+|former\\s+)*(?:instructions?|prompts?|rules|directions|commands|guidelines"
                            + "|system)\\b",
                    "\\bignorier\\w*\\s+(?:alle\\s+|die\\s+|deine\\s+|sämtliche\\s+|bisherigen\\s+|vorherigen\\s+|obigen\\s+"
                            + "|vorigen\\s+)*(?:anweisung|regel|befehl|vorgabe|instruktion|system)",
                    "\\b(?:new|neue)\\s+(?:instructions?|anweisungen?|system\\s*prompt)\\b",
                    "\\b(?:developer|admin|entwickler)[ -]?(?:mode|modus)\\b|\\bjailbreak\\b",
                    // speaking as the model
                    "\\bas\\s+an?\\s+(?:ai|a\\.i\\.|artificial intelligence|(?:large\\s+)?language\\s+model|llm)\\b",
                    "\\bi\\s*(?:am|'m)\\s+an?\\s+(?:ai|artificial intelligence|(?:large\\s+)?language\\s+model)\\b",
                    "\\bals\\s+(?:eine?\\s+)?(?:ki|künstliche\\s+intelligenz|sprachmodell)\\b",
                    "\\bich\\s+bin\\s+(?:eine?\\s+)?(?:ki|künstliche\\s+intelligenz|sprachmodell)\\b",
                    // moving data somewhere: forward/send ... all ... patient records / customer data / mails
                    "\\b(?:forward|send|transfer|export|upload|leite|weiterleit|weiterzuleit|sende|schicke|übermittle|exportiere)\\w*\\b"
                            + ".{0,80}?\\b(?:all|every|everyone|alle|sämtliche|jede)\\w*\\b.{0,60}?(?:patient|records?\\b|akten?\\b"
                            + "|kundendaten|customer\\s+(?:data|records|list)|e-?mails\\b|nachrichten\\b|daten\\b|data\\b)",
                    "\\beveryone else'?s\\b",
                    // the prompt's own markers
                    "<<<\\s*MAIL|\\bMAIL-[0-9a-f]{6,}|</?\\s*(?:system|mail|instructions?|prompt)\\s*>"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private DraftLines() {}

    static Result strip(String text) {
        List<String> kept = new ArrayList<>();
        boolean headers = false;
        boolean instructions = false;
        for (String line : text.split("\n", -1)) {
            if (HEADER.matcher(line).find()) {
                headers = true;
            } else if (ROLE.matcher(line).find() || INSTRUCTION.matcher(line).find()) {
                instructions = true;
            } else {
                kept.add(line);
            }
        }
        return new Result(String.join("\n", kept), headers, instructions);
    }
}
