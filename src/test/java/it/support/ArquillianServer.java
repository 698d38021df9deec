package it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.DevStack;

/**
 * Prepares the Liberty server "arquillian" beside the mailer's: its server.xml from
 * src/test/liberty/arquillian, and the shared stack's database in its server.env. Arquillian's
 * managed container then starts it and deploys the test archive. Register before Arquillian.
 */
public class ArquillianServer implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        DevStack stack = ItStack.get();
        Path wlp =
                Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        Path dir = wlp.resolve("usr/servers/arquillian");
        int http = DevStack.port(0);
        try {
            Files.createDirectories(dir);
            Files.copy(
                    Path.of("src/test/liberty/arquillian/server.xml"),
                    dir.resolve("server.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    dir.resolve("server.env"),
                    String.join(
                            "\n",
                            "HTTP_PORT=" + http,
                            "DB_HOST=127.0.0.1",
                            "DB_PORT=" + stack.postgres().port(),
                            "DB_NAME=" + DevStack.DB_NAME,
                            "DB_USER=" + DevStack.DB_USER,
                            "DB_PASSWORD=" + DevStack.DB_PASSWORD,
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("arq.container.liberty.configuration.wlpHome", wlp.toString());
        System.setProperty("arq.container.liberty.configuration.httpPort", String.valueOf(http));
    }
}
