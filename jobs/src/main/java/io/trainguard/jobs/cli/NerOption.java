package io.trainguard.jobs.cli;

import picocli.CommandLine.Option;

/** The {@code --ner on|off} option shared by detect, protect and scan. */
final class NerOption {

  /** The values of {@code --ner}. */
  enum Mode { on, off }

  @Option(names = "--ner", paramLabel = "on|off", defaultValue = "on",
      converter = OptionValues.NerMode.class,
      description = "Named entities in free text (PERSON, LOCATION, NRP) from the bundled name"
          + " model and group list (default: ${DEFAULT-VALUE}).")
  Mode mode = Mode.on;

  boolean on() {
    return mode == Mode.on;
  }
}
