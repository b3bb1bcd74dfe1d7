package io.trainguard.samples.poison;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Writes a {@link PoisonedDataset} as CSV (with header) or JSON Lines, and its truth as JSON. */
public final class PoisonWriters {

  private PoisonWriters() {}

  /** CSV with a header line; cells holding commas, quotes or line breaks are quoted. */
  public static void writeCsv(PoisonedDataset data, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", data.columns().stream().map(PoisonWriters::csvCell).toList()));
      out.write("\n");
      for (List<Object> row : data.rows()) {
        List<String> cells = new ArrayList<>(row.size());
        row.forEach(v -> cells.add(csvCell(String.valueOf(v))));
        out.write(String.join(",", cells));
        out.write("\n");
      }
    }
  }

  /** One JSON object per line, keys in column order; numbers stay numbers. */
  public static void writeJsonLines(PoisonedDataset data, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (List<Object> row : data.rows()) {
        StringBuilder line = new StringBuilder("{");
        for (int c = 0; c < row.size(); c++) {
          if (c > 0) {
            line.append(',');
          }
          line.append(jsonString(data.columns().get(c))).append(':').append(jsonValue(row.get(c)));
        }
        out.write(line.append("}\n").toString());
      }
    }
  }

  /** {@code {"KIND": ["id", ...], ...}} with kinds and ids sorted. */
  public static void writeTruth(PoisonedDataset data, Path file) throws IOException {
    StringBuilder json = new StringBuilder("{");
    boolean first = true;
    for (PoisonKind kind : PoisonKind.values()) {
      Set<String> ids = data.truth().get(kind);
      if (ids == null) {
        continue;
      }
      json.append(first ? "" : ",").append(jsonString(kind.name())).append(":[");
      first = false;
      json.append(String.join(",", new TreeSet<>(ids).stream().map(PoisonWriters::jsonString)
          .toList()));
      json.append(']');
    }
    Files.writeString(file, json.append("}\n"), StandardCharsets.UTF_8);
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static String jsonValue(Object value) {
    return value instanceof Number ? value.toString() : jsonString(String.valueOf(value));
  }

  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
