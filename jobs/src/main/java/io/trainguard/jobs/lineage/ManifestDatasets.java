package io.trainguard.jobs.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.InputFieldTransformations;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.utils.DatasetIdentifier;
import io.trainguard.jobs.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input and output datasets of a finished run, read from its manifest: schema facets where
 * the fields are known, statistics, and column lineage from each input field to the same field
 * of its protected copy, marked as masking where trainguard redacted it.
 */
final class ManifestDatasets {

  private static final String FIELD_TYPE = "string";

  private final OpenLineage ol;
  private final Manifest manifest;
  private final Map<String, List<String>> startColumns;
  private final Map<String, DatasetIdentifier> inputIds = new HashMap<>();
  private final Map<String, FieldLineage> inputFields = new HashMap<>();

  /**
   * @param startColumns CSV header columns given at START, by input URI as given then
   */
  ManifestDatasets(OpenLineage ol, Manifest manifest, Map<String, List<String>> startColumns) {
    this.ol = ol;
    this.manifest = manifest;
    this.startColumns = startColumns;
  }

  List<InputDataset> inputs() {
    List<InputDataset> datasets = new ArrayList<>();
    for (Manifest.Input in : manifest.inputs()) {
      DatasetIdentifier id = inputId(in);
      if (id == null) {
        continue;
      }
      FieldLineage fields = FieldLineage.of(in, manifest,
          startColumns.getOrDefault(in.uri() == null ? "" : in.uri(), List.of()));
      String path = in.path();
      if (path != null) {
        inputIds.put(path, id);
        inputFields.put(path, fields);
      }
      datasets.add(ol.newInputDatasetBuilder()
          .namespace(id.getNamespace()).name(id.getName())
          .facets(ol.newDatasetFacetsBuilder().schema(schema(ol, fields.schema())).build())
          .inputFacets(ol.newInputDatasetInputFacetsBuilder()
              .inputStatistics(ol.newInputStatisticsInputDatasetFacetBuilder()
                  .rowCount(in.records()).size(in.size())
                  .fileCount(1L).build())
              .build())
          .build());
    }
    return datasets;
  }

  /**
   * Call after {@link #inputs()}, which resolves the sources that column lineage points to. The
   * parts of a split input's output are one dataset, named as the output they make up.
   */
  List<OutputDataset> outputs() {
    String root = manifest.run() == null ? null : manifest.run().output();
    Map<String, Manifest.Output> byName = new java.util.LinkedHashMap<>();
    Map<String, long[]> files = new java.util.HashMap<>();
    for (Manifest.Output out : manifest.outputs()) {
      String path = out.part() != null && out.part().of() != null ? out.part().of() : out.path();
      if (root == null || path == null) {
        continue;
      }
      long[] n = files.computeIfAbsent(path, k -> new long[3]);
      n[0]++;
      n[1] += out.records() == null ? 0 : out.records();
      n[2] += out.size() == null ? 0 : out.size();
      byName.putIfAbsent(path, out);
    }
    List<OutputDataset> datasets = new ArrayList<>();
    byName.forEach((path, out) -> {
      DatasetIdentifier id = DatasetNames.under(root, path);
      String source = out.source();
      FieldLineage fields = source == null ? null : inputFields.get(source);
      OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder();
      if (fields != null && (out.kind() == null || out.kind() == Manifest.Kind.DATA)) {
        facets.schema(schema(ol, fields.schema()))
            .columnLineage(columnLineage(inputIds.get(source), fields));
      }
      long[] n = files.get(path);
      boolean whole = n[0] == 1 && out.part() == null;
      datasets.add(ol.newOutputDatasetBuilder()
          .namespace(id.getNamespace()).name(id.getName())
          .facets(facets.build())
          .outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
              .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder()
                  .rowCount(whole ? out.records() : Long.valueOf(n[1]))
                  .size(whole ? out.size() : Long.valueOf(n[2]))
                  .fileCount(n[0]).build())
              .build())
          .build());
    });
    return datasets;
  }

  private DatasetIdentifier inputId(Manifest.Input in) {
    if (in.uri() != null) {
      return DatasetNames.of(in.uri());
    }
    String root = manifest.run() == null ? null : manifest.run().input();
    return root != null && in.path() != null ? DatasetNames.under(root, in.path()) : null;
  }

  /** A schema facet of string fields, or null (no facet) for none. */
  static OpenLineage.SchemaDatasetFacet schema(OpenLineage ol, List<String> fields) {
    if (fields.isEmpty()) {
      return null;
    }
    List<OpenLineage.SchemaDatasetFacetFields> list = new ArrayList<>();
    for (String f : fields) {
      list.add(ol.newSchemaDatasetFacetFieldsBuilder().name(f).type(FIELD_TYPE).build());
    }
    return ol.newSchemaDatasetFacet(list);
  }

  private OpenLineage.ColumnLineageDatasetFacet columnLineage(DatasetIdentifier input,
      FieldLineage fields) {
    if (fields.fields().isEmpty()) {
      return null;
    }
    OpenLineage.ColumnLineageDatasetFacetFieldsBuilder map =
        ol.newColumnLineageDatasetFacetFieldsBuilder();
    for (String field : fields.fields()) {
      map.put(field, ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
          .inputFields(List.of(ol.newInputFieldBuilder()
              .namespace(input.getNamespace()).name(input.getName()).field(field)
              .transformations(List.of(transformation(fields, field)))
              .build()))
          .build());
    }
    return ol.newColumnLineageDatasetFacetBuilder().fields(map.build()).build();
  }

  private InputFieldTransformations transformation(FieldLineage fields, String field) {
    String planned = fields.plannedEntity(field);
    Set<String> detected = fields.detectedEntities(field);
    if (planned == null && detected.isEmpty()) {
      return ol.newInputFieldTransformationsBuilder()
          .type("DIRECT").subtype("IDENTITY").masking(false)
          .description("scanned; no personal data found").build();
    }
    String description = planned != null
        ? "whole value redacted (column planned as " + planned + ")"
        : "detected spans redacted (" + String.join(", ", detected) + ")";
    return ol.newInputFieldTransformationsBuilder()
        .type("DIRECT").subtype("TRANSFORMATION").masking(true)
        .description(description).build();
  }
}
