package de.dockeragents.mailer.platform.entity;

/** This instance took ({@code held}) or lost the lease of a folder; fired by {@code platform/control/Leases}. */
public record LeaseChanged(String folder, boolean held) {}
