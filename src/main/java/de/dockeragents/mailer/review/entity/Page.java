package de.dockeragents.mailer.review.entity;

import java.util.List;

/** One page of a list, with the total the filter matches so the page can offer "next". */
public record Page<T>(List<T> items, long total, int limit, int offset) {}
