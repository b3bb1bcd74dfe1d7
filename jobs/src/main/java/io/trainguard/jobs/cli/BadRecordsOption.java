package io.trainguard.jobs.cli;

import io.trainguard.jobs.protect.BadRecordLimit;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --max-bad-records N|P%}, shared by protect, scan and detect. What a command does with
 * the malformed records it allows differs, so each command's description of the option is its
 * own, in {@code Descriptions.properties}.
 */
final class BadRecordsOption {

  @Option(names = "--max-bad-records", paramLabel = "N|P%", defaultValue = "0",
      converter = OptionValues.BadRecords.class, descriptionKey = "max-bad-records")
  BadRecordLimit limit = BadRecordLimit.NONE;

  /** The option as given, for the manifest's command line. */
  List<String> describe() {
    return limit.equals(BadRecordLimit.NONE) ? List.of()
        : List.of("--max-bad-records", limit.toString());
  }
}
