package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Docker-secrets style configuration: for a key {@code mailer.imap.password} the environment
 * variable {@code MAILER_IMAP_PASSWORD_FILE} names a file whose content is the value.
 * It ranks just above plain environment variables, so a secret file wins over a leftover value.
 */
public class FileSecretConfigSource implements ConfigSource {

    static final String SUFFIX = "_FILE";
    private final Function<String, String> env;

    public FileSecretConfigSource() {
        this(System::getenv);
    }

    FileSecretConfigSource(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public int getOrdinal() {
        return 305;
    }

    @Override
    public Set<String> getPropertyNames() {
        return System.getenv().keySet().stream()
                .filter(name -> name.endsWith(SUFFIX))
                .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                .collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> getProperties() {
        return getPropertyNames().stream().collect(Collectors.toMap(n -> n, this::getValue));
    }

    @Override
    public String getValue(String propertyName) {
        String file = env.apply(ConfigProblems.envName(propertyName) + SUFFIX);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // the message names the variable, never the content
            throw new UncheckedIOException(
                    "cannot read the secret file named by " + ConfigProblems.envName(propertyName) + SUFFIX, e);
        }
    }

    @Override
    public String getName() {
        return "secret files (*_FILE)";
    }
}
