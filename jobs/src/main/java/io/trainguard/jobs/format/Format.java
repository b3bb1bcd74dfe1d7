package io.trainguard.jobs.format;

import java.util.Locale;
import java.util.Optional;

/** Input formats and how their files are recognised and redacted. */
public enum Format {
  CSV("csv"),
  JSONL("jsonl", "ndjson", "json"),
  TEXT("txt", "text", "log", "md");

  private final String[] extensions;

  Format(String... extensions) {
    this.extensions = extensions;
  }

  /** The name used by {@code --format} and in manifests. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public RecordRedactor redactor(ValueProtector protector) {
    return switch (this) {
      case CSV -> new CsvRedactor(protector);
      case JSONL -> new JsonLinesRedactor(protector);
      case TEXT -> new TextRedactor(protector);
    };
  }

  /** The format of a file by its extension. */
  public static Optional<Format> byFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      for (String ext : f.extensions) {
        if (lower.endsWith("." + ext)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** Parses {@code --format}. */
  public static Format parse(String id) {
    for (Format f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Invalid format: " + id + " (allowed: csv, jsonl, text)");
  }
}
