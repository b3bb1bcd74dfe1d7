package io.trainguard.samples.corpus;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * One entity type of the corpus: how to draw a value, sentences that carry it with context words
 * ({@code {}} marks the value) and, when the shared ones do not fit, sentences without them.
 */
record EntityType(String entity, Function<Random, String> value, List<String> contextTemplates,
    List<String> plainTemplates) {

  /** Sentences that name no entity and hold no context word of any recognizer. */
  static final List<String> SHARED_PLAIN = List.of(
      "Found {} in the old backup.",
      "See {} for details.",
      "{} was pasted into the chat without comment.",
      "The third line of the note reads {}",
      "Copied from the form: {}",
      "Forwarded as requested: {} (see thread).",
      "Can you check {} before the release?",
      "{} \u2014 please advise.");

  EntityType(String entity, Function<Random, String> value, List<String> contextTemplates) {
    this(entity, value, contextTemplates, SHARED_PLAIN);
  }
}
