package io.trainguard.jobs.macie;

/**
 * An occurrence matched to an input file (path relative to the input root). A stale one comes
 * from a finding about an older version of the object (ETag or size differ): it is not applied to
 * locations, but still counts as a column hint.
 */
public record MacieMatch(String relativePath, MacieOccurrence occurrence, boolean stale) {}
