package de.dockeragents.mailer.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Real files of each type, made on the spot: what content detection sees in mail. */
public final class Samples {

    private Samples() {}

    public static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpg() {
        return image("jpg");
    }

    private static byte[] image(String format) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] docx(boolean withMacros) {
        return zip(
                "[Content_Types].xml",
                "<Types/>",
                "_rels/.rels",
                "<Relationships/>",
                "word/document.xml",
                "<w:document/>",
                withMacros ? "word/vbaProject.bin" : "word/styles.xml",
                "x");
    }

    public static byte[] xlsx() {
        return zip(
                "[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>", "xl/workbook.xml", "<workbook/>");
    }

    public static byte[] plainZip() {
        return zip("readme.txt", "hello");
    }

    public static byte[] eicar() {
        return dev.LocalClamd.EICAR.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
