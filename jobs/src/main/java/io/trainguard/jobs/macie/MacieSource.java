package io.trainguard.jobs.macie;

/** Where an occurrence was read from: a Macie finding or a sensitive data discovery result. */
public enum MacieSource {
  FINDING,
  DISCOVERY_RESULT
}
