package it.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The console output of one start of the server, from its launch to its first ready answer: Liberty's
 * JSON lines and whatever the JVM printed before Liberty's logging took over. Captured once when the
 * shared stack starts, so a test of it does not depend on which test ran first.
 */
public record StartLog(List<String> lines) {

    private static final Set<String> BAD_LEVELS = Set.of("WARNING", "SEVERE", "ERROR", "FATAL", "SystemErr");
    private static final List<String> BAD_WORDS = List.of("warning", "error", "severe", "exception");

    static long size(Path console) {
        try {
            return Files.exists(console) ? Files.size(console) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StartLog since(Path console, long offset) {
        try {
            byte[] all = Files.readAllBytes(console);
            String text = new String(
                    all,
                    (int) Math.min(offset, all.length),
                    (int) (all.length - Math.min(offset, all.length)),
                    StandardCharsets.UTF_8);
            return new StartLog(Arrays.asList(text.split("\r?\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines at WARNING, SEVERE or on stderr, and plain lines that speak of a warning, an error or an exception. */
    public List<String> warningsAndErrors() {
        return lines.stream().filter(StartLog::bad).map(StartLog::message).toList();
    }

    private static boolean bad(String line) {
        if (line.startsWith("{")) {
            return BAD_LEVELS.contains(json(line).getString("loglevel", ""));
        }
        String lower = line.toLowerCase(Locale.ROOT);
        return BAD_WORDS.stream().anyMatch(lower::contains);
    }

    private static String message(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        JsonObject o = json(line);
        return o.getString("loglevel", "") + " " + o.getString("module", "") + ": " + o.getString("message", "");
    }

    private static JsonObject json(String line) {
        try (JsonReader r = Json.createReader(new StringReader(line))) {
            return r.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder()
                    .add("loglevel", "unparseable")
                    .add("message", line)
                    .build();
        }
    }
}
