package de.dockeragents.mailer.attachment.entity;

import java.nio.file.Path;

/** An attachment asked for by staff: its listing, and its file when (and only when) it may be handed out. */
public record Download(AttachmentView view, Path file) {}
