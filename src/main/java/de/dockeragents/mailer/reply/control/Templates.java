package de.dockeragents.mailer.reply.control;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * Renders a profile's reply templates ({@code profiles/<name>/templates/<template>.<lang>.mustache}:
 * subject line, empty line, body) as plain text. Slots are filled by code only. Mustache is
 * logic-less, and values are inserted as text, never evaluated as templates themselves.
 */
public final class Templates {

    /** A rendered template. */
    public record Rendered(String subject, String body) {}

    static final String SIGNATURE = "signature";

    private final String profile;
    private final DefaultMustacheFactory factory;

    public Templates(String profile) {
        this.profile = profile;
        this.factory = new DefaultMustacheFactory("profiles/" + profile + "/templates") {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value); // plain text mail: no HTML escaping
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public boolean exists(String template, String language) {
        return getClass()
                        .getClassLoader()
                        .getResource("profiles/" + profile + "/templates/" + template + "." + language + ".mustache")
                != null;
    }

    public Rendered render(String template, String language, Map<String, Object> slots) {
        String name = template + "." + language + ".mustache";
        if (!template.matches("[a-z0-9-]{1,60}") || !exists(template, language)) {
            throw new IllegalArgumentException("no template " + name + " in profile " + profile);
        }
        Mustache m = factory.compile(name);
        StringWriter out = new StringWriter();
        m.execute(out, slots);
        String text = out.toString().replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException(name + ": expected a subject line, an empty line, then the body");
        }
        String subject = text.substring(0, split).replaceAll("\\s+", " ").strip();
        String body = text.substring(split + 2).replaceAll("\n{3,}", "\n\n").strip() + "\n";
        return new Rendered(subject, body);
    }

    /**
     * The profile's signature in this language ({@code signature.<language>.mustache}: text only, no
     * subject line), for a person's own reply; empty when the profile has none.
     */
    public String signature(String language, Map<String, Object> slots) {
        if (!exists(SIGNATURE, language)) {
            return "";
        }
        StringWriter out = new StringWriter();
        factory.compile(SIGNATURE + "." + language + ".mustache").execute(out, slots);
        return out.toString().replace("\r\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
