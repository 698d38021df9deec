package de.dockeragents.mailer.inbox.control;

import de.dockeragents.mailer.inbox.entity.MailMessage;

/** A message ready to be stored: its row and, unless it was too large, its raw bytes. */
public record Incoming(MailMessage message, byte[] raw) {}
