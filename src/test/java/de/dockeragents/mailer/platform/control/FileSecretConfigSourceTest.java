package de.dockeragents.mailer.platform.control;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileSecretConfigSourceTest {

    @Test
    void readsTheFileNamedByTheFileVariableAndStripsTheTrailingNewline(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("imap_password"), "app-password\n");
        var source = new FileSecretConfigSource(Map.of("MAILER_IMAP_PASSWORD_FILE", secret.toString())::get);
        assertEquals("app-password", source.getValue("mailer.imap.password"));
        assertNull(source.getValue("mailer.imap.user"));
    }

    @Test
    void anUnreadableFileNamesTheVariableButNeverTheContent(@TempDir Path dir) {
        var source = new FileSecretConfigSource(
                Map.of("DB_PASSWORD_FILE", dir.resolve("missing").toString())::get);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> source.getValue("db.password"));
        assertEquals("cannot read the secret file named by DB_PASSWORD_FILE", e.getMessage());
        assertFalse(e.getMessage().contains("missing"));
    }
}
