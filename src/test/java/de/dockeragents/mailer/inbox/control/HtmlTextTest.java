package de.dockeragents.mailer.inbox.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTextTest {

    @Test
    void keepsWordsAndBlockBreaksAndDropsScriptsStylesAndMarkup() {
        String html = "<html><head><title>t</title><style>b{}</style></head><body>"
                + "<script>steal()</script><p>Sehr geehrte <b>Damen</b>,</p><div>Zeile&nbsp;2<br>Zeile 3</div>"
                + "<ul><li>eins</li><li>zwei</li></ul><img src='http://x/y.png' alt=''></body></html>";
        assertEquals("Sehr geehrte Damen,\nZeile 2\nZeile 3\neins\nzwei", HtmlText.render(html));
    }

    @Test
    void wordsSplitByInlineMarkupStayWholeAndTableCellsStayApart() {
        assertEquals(
                "Brustschmerzen seit heute",
                HtmlText.render("<p>Brust<span style='color:red'>schmerzen</span> seit&nbsp;heute</p>"));
        assertEquals(
                "Brust schmerzen\nAtemnot",
                HtmlText.render("<table><tr><td>Brust</td><td>schmerzen</td></tr><tr><td>Atemnot</td></tr></table>"));
    }

    @Test
    void outlookParagraphsAndEntitiesBecomePlainWords() {
        String html =
                "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head>"
                        + "<body lang=DE><div class=WordSection1><p class=MsoNormal><span>Mein Kind ist bewusstlos,&nbsp; bitte R&uuml;ckruf<o:p></o:p></span></p>"
                        + "<p class=MsoNormal><span>&nbsp;<o:p></o:p></span></p><p class=MsoNormal><span>Gr&uuml;&szlig;e<o:p></o:p></span></p></div></body></html>";
        assertEquals("Mein Kind ist bewusstlos, bitte Rückruf\n\nGrüße", HtmlText.render(html));
    }

    @Test
    void plainTextWithoutMarkupStaysAsItIs() {
        assertEquals("nur Text", HtmlText.render("nur Text"));
    }
}
