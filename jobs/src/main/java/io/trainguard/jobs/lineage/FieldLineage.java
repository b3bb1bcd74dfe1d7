package io.trainguard.jobs.lineage;

import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.FormatCodec;
import io.trainguard.jobs.manifest.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the manifest says about the fields of one input file: which exist, which were planned
 * (redacted whole) and which had spans redacted, by entity. Names only, never values.
 */
final class FieldLineage {

  /** The field a text file's lines are counted under. */
  static final String TEXT_FIELD = "text";

  private final List<String> declared;
  private final Map<String, String> plannedEntity = new TreeMap<>();
  private final Map<String, Set<String>> detectedEntities = new TreeMap<>();
  private final boolean schemaKnown;

  private FieldLineage(List<String> declared, boolean pathsAreSchema) {
    this.declared = declared;
    this.schemaKnown = !declared.isEmpty() || pathsAreSchema;
  }

  /**
   * Reads one input of the manifest. Spans found per entity come from the input's own findings
   * when it has them, otherwise from the manifest-wide findings if this is the only input or the
   * field is one of its declared columns.
   */
  static FieldLineage of(Manifest.Input input, Manifest manifest, List<String> startColumns) {
    FormatCodec format = codec(input.format());
    List<String> declared = new ArrayList<>(startColumns);
    if (declared.isEmpty() && format != null && !format.hasFields()
        && format.opening() == FormatCodec.Opening.LINES) {
      declared.add(TEXT_FIELD);
    }
    // Nested paths have no header to list them: the paths seen are the schema as far as known.
    FieldLineage f = new FieldLineage(List.copyOf(declared),
        format != null && format.hasFields() && format.nestedPaths());
    if (input.columnPlan() != null) {
      for (Manifest.ColumnPlan plan : input.columnPlan()) {
        if (plan.column() != null) {
          f.plannedEntity.put(plan.column(), plan.entity() == null ? "" : plan.entity());
        }
      }
    }
    boolean own = input.findings() != null;
    boolean onlyInput = manifest.inputs().size() == 1;
    Map<String, List<String>> fieldsByEntity = new TreeMap<>();
    if (own) {
      input.findings().forEach((entity, found) ->
          fieldsByEntity.put(entity, found.fields() == null ? List.of() : found.fields()));
    } else {
      manifest.findings().forEach((entity, found) ->
          fieldsByEntity.put(entity, found.fields() == null ? List.of() : found.fields()));
    }
    fieldsByEntity.forEach((entity, fields) -> fields.forEach(name -> {
      if (own || onlyInput || f.declared.contains(name)) {
        f.detectedEntities.computeIfAbsent(name, k -> new TreeSet<>()).add(entity);
      }
    }));
    return f;
  }

  /** The codec of the format {@code id}, or null when no codec here has that id. */
  private static FormatCodec codec(String id) {
    try {
      return id == null ? null : Format.parse(id).codec();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Every field known to exist: declared columns in order, then planned and redacted ones. */
  List<String> fields() {
    Set<String> all = new LinkedHashSet<>(declared);
    all.addAll(new TreeSet<>(plannedEntity.keySet()));
    all.addAll(detectedEntities.keySet());
    return List.copyOf(all);
  }

  /** The full field list for a schema facet, or empty when only some fields are known (CSV). */
  List<String> schema() {
    return schemaKnown ? fields() : List.of();
  }

  /** The entity the field was planned as (redacted whole), or null. */
  String plannedEntity(String field) {
    return plannedEntity.get(field);
  }

  /** The entities whose spans were redacted in the field; empty if none. */
  Set<String> detectedEntities(String field) {
    return detectedEntities.getOrDefault(field, Set.of());
  }
}
