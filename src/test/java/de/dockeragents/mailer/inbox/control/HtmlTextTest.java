package de.dockeragents.mailer.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsWordsAndBlockBreaksAndDropsScriptsStylesAndMarkup() {
        String html = "<html><head><title>t</title><style>b{}</style></head><body>"
                + "<script>steal()</script><p>Sehr geehrte <b>Damen</b>,</p><div>Zeile&nbsp;2<br>Zeile 3</div>"
                + "<ul><li>eins</li><li>zwei</li></ul><img src='http://x/y.png' alt=''></body></html>";
        assertEquals("Sehr geehrte Damen,\nZeile 2\nZeile 3\neins\nzwei", HtmlText.render(html));
    }

    @Test
    void plainTextWithoutMarkupStaysAsItIs() {
        assertEquals("nur Text", HtmlText.render("nur Text"));
    }
}
