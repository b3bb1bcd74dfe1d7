package io.trainguard.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.samples.corpus.LabelledCorpus;
import io.trainguard.samples.corpus.LabelledRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings a throughput benchmark runs over, named by one JMH parameter: {@code text} (every
 * sentence-shaped record of the labelled corpus: context, plain, mixed and hard-negative text),
 * {@code cells} (its bare cell values) or {@code file:PATH} (the {@code "text"} of each JSON
 * Lines record in PATH).
 */
final class BenchInputs {

  /**
   * Records per entity type and seed of the corpus the built-in inputs come from: smaller than
   * the accuracy corpus (same mix) so that one operation stays short and iterations hold many.
   */
  static final int CORPUS_RECORDS = 60;
  static final long CORPUS_SEED = 42L;

  private static final String FILE = "file:";

  private BenchInputs() {}

  /** The input name of a JSON Lines file. */
  static String file(String path) {
    return FILE + Path.of(path).toAbsolutePath();
  }

  /** How reports name an input: {@code file} for a file, else its name. */
  static String label(String name) {
    return name.startsWith(FILE) ? "file" : name;
  }

  static List<String> load(String name) {
    if (name.startsWith(FILE)) {
      return readJsonLines(Path.of(name.substring(FILE.length())));
    }
    boolean cells = switch (name) {
      case "text" -> false;
      case "cells" -> true;
      default -> throw new IllegalArgumentException("Invalid input: " + name
          + " (expected text, cells or file:PATH)");
    };
    return LabelledCorpus.generate(CORPUS_RECORDS, CORPUS_SEED).stream()
        .filter(r -> r.isCell() == cells).map(LabelledRecord::text).toList();
  }

  /** Total UTF-8 size of {@code texts}: the byte count behind every MB/s figure. */
  static long utf8Bytes(List<String> texts) {
    return texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  private static List<String> readJsonLines(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode text;
        try {
          text = json.readTree(line).get("text");
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("Invalid input " + file + " at line " + lineNumber
              + ": not a JSON object");
        }
        if (text == null || !text.isTextual()) {
          throw new IllegalArgumentException("Invalid input " + file + " at line " + lineNumber
              + ": no \"text\" string");
        }
        texts.add(text.asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("Invalid input " + file + ": no records");
    }
    return texts;
  }
}
