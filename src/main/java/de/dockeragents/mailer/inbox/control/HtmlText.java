package de.dockeragents.mailer.inbox.control;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A plain-text rendering of an HTML body: no markup, no scripts, no remote content, only the words
 * a person would read, with line breaks where blocks end.
 */
final class HtmlText {

    private static final String BREAK = "\u2029";

    private HtmlText() {}

    static String render(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, template, noscript").remove();
        doc.select("br").after(BREAK);
        doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre").after(BREAK);
        String text = doc.body() == null ? doc.text() : doc.body().text();
        return text.replace(" " + BREAK + " ", "\n")
                .replace(BREAK + " ", "\n")
                .replace(" " + BREAK, "\n")
                .replace(BREAK, "\n")
                .replace('\u00a0', ' ')
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
