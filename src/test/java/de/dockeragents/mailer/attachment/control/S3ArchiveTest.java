package de.dockeragents.mailer.attachment.control;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class S3ArchiveTest {

    @Test
    void uploadsRequestServerSideEncryptionAndCarryTheirChecksums() {
        PutObjectRequest put = archive("AES256").putRequest("2026/11/7/a.pdf", 12, "md5==", "ab".repeat(32));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        assertEquals("md5==", put.contentMD5());
        assertEquals("ab".repeat(32), put.metadata().get("sha256"));
        assertEquals("email-attachments", put.bucket());
    }

    @Test
    void noEncryptionHeaderWhenNoneIsConfigured() {
        assertNull(archive("").putRequest("k", 1, "m", "s").serverSideEncryption());
    }

    private static S3Archive archive(String sse) {
        ArchiveSettings s = new ArchiveSettings(
                URI.create("http://127.0.0.1:1"),
                "us-east-1",
                "email-attachments",
                "a",
                "b",
                sse,
                Duration.ofDays(1),
                Duration.ofSeconds(5));
        return new S3Archive(s, null, new Layout(Path.of("/tmp/x"), Path.of("/tmp/y")));
    }
}
