package io.trainguard.jobs.lineage;

import java.util.List;
import java.util.Objects;

/**
 * An input file as known before it is read.
 *
 * @param uri the file's URI or path
 * @param columns the CSV header's column names, or empty when unknown (they become the dataset's
 *     schema facet)
 */
public record InputFile(String uri, List<String> columns) {

  public InputFile {
    Objects.requireNonNull(uri, "uri");
    columns = List.copyOf(columns);
  }

  public static InputFile of(String uri) {
    return new InputFile(uri, List.of());
  }
}
