package de.dockeragents.mailer.review.entity;

/**
 * What a request to be forgotten would erase, shown before the admin confirms: mail naming the address, their
 * attachments, replies to them or to the address (of those not sent yet, cancelled), and the start of the
 * address's keyed hash (the value the record will carry).
 */
public record ForgetPreview(String addressKey, int mails, int attachments, int outbound, int unsent) {}
