package io.trainguard.jobs.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trainguard.jobs.Counts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Normalizes one Macie finding, or one sensitive data discovery result (same JSON shape:
 * {@code resourcesAffected}, {@code classificationDetails.result.sensitiveData} and
 * {@code customDataIdentifiers}), into occurrences. A malformed one is skipped whole, with a
 * warning naming its id (or position) and the missing field.
 */
final class FindingParser {

  /** A required field is missing or has the wrong type; the message names the field path. */
  private static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private FindingParser() {}

  /**
   * Adds the occurrences of {@code node} to {@code out}; {@code position} names it when it has no
   * id (e.g. "finding #3" or "line 7"), {@code origin} names the file or API.
   */
  static void parse(JsonNode node, MacieSource source, String position, String origin,
      MacieImport.Collector out) {
    String id = text(node, "id");
    String label = (source == MacieSource.FINDING ? "finding " : "discovery result ")
        + (id != null ? id : position);
    try {
      if (!node.isObject()) {
        throw new Malformed("not a JSON object");
      }
      String category = text(node, "category");
      if (category != null && !"CLASSIFICATION".equals(category)) {
        out.warn("Ignored Macie " + label + " from " + origin + ": category " + category
            + " is not a sensitive data finding");
        return;
      }
      if (node.path("resourcesAffected").path("s3Object").hasNonNull("embeddedFileDetails")) {
        out.warn("Ignored Macie " + label + " from " + origin
            + ": it locates data in a file inside an archive");
        return;
      }
      List<MacieOccurrence> found = occurrences(node, source, id);
      String detailed = text(node.path("classificationDetails"), "detailedResultsLocation");
      if (detailed != null) {
        out.detailedResultsLocation(detailed);
      }
      found.forEach(out::occurrence);
      long inNames = found.stream().filter(o -> o.location() instanceof MacieLocation.JsonRecord r
          && r.jsonPath() == null).count();
      if (inNames > 0) {
        out.warn("Macie " + label + " from " + origin + " reports "
            + Counts.of(inNames, "occurrence") + " in JSON element names (no jsonPath): trainguard does not rewrite"
            + " names, review those records");
      }
    } catch (Malformed e) {
      out.skip("Cannot import Macie " + label + " from " + origin + ": " + e.getMessage());
    }
  }

  private static List<MacieOccurrence> occurrences(JsonNode node, MacieSource source, String id)
      throws Malformed {
    JsonNode object = node.path("resourcesAffected").path("s3Object");
    String bucket = required(node.path("resourcesAffected").path("s3Bucket"), "name",
        "resourcesAffected.s3Bucket.name");
    String key = required(object, "key", "resourcesAffected.s3Object.key");
    JsonNode details = node.path("classificationDetails");
    JsonNode result = details.path("result");
    if (!result.isObject()) {
      throw new Malformed("classificationDetails.result is missing");
    }
    MacieOccurrence template = new MacieOccurrence(source, id, text(details, "jobId"), bucket,
        key, text(object, "eTag"), text(object, "versionId"),
        optionalLong(object, "size", "resourcesAffected.s3Object.size"), null, null, false, null);
    boolean partial = result.path("additionalOccurrences").asBoolean(false);
    List<MacieOccurrence> found = new ArrayList<>();
    JsonNode sensitive = array(result, "sensitiveData", "classificationDetails.result.sensitiveData");
    for (int i = 0; i < sensitive.size(); i++) {
      String at = "classificationDetails.result.sensitiveData[" + i + "].detections";
      JsonNode detections = array(sensitive.get(i), "detections", at);
      for (int j = 0; j < detections.size(); j++) {
        JsonNode detection = detections.get(j);
        String type = required(detection, "type", at + "[" + j + "].type");
        detection(detection, at + "[" + j + "]", template, MacieEntities.managed(type), type,
            false, partial, found);
      }
    }
    String customAt = "classificationDetails.result.customDataIdentifiers.detections";
    JsonNode custom = array(result.path("customDataIdentifiers"), "detections", customAt);
    for (int j = 0; j < custom.size(); j++) {
      JsonNode detection = custom.get(j);
      String name = required(detection, "name", customAt + "[" + j + "].name");
      detection(detection, customAt + "[" + j + "]", template, name, name, true, partial,
          found);
    }
    return found;
  }

  private static void detection(JsonNode detection, String at, MacieOccurrence t, String entity,
      String type, boolean custom, boolean partial, List<MacieOccurrence> found)
      throws Malformed {
    List<MacieLocation> locations = locations(detection.path("occurrences"), at + ".occurrences");
    if (partial) {
      locations.addAll(everyRowOrRecord(locations));
    }
    if (locations.isEmpty()) {
      Long count = optionalLong(detection, "count", at + ".count");
      if (count == null || count == 0) {
        return;
      }
      locations = List.of(new MacieLocation.WholeObject(count));
    }
    for (MacieLocation location : locations) {
      found.add(new MacieOccurrence(t.source(), t.findingId(), t.jobId(), t.bucket(), t.key(),
          t.etag(), t.versionId(), t.size(), entity, type, custom, location));
    }
  }

  /** The columns and JSON paths of {@code listed}, each flagged for every row or record. */
  private static Set<MacieLocation> everyRowOrRecord(List<MacieLocation> listed) {
    Set<MacieLocation> whole = new LinkedHashSet<>();
    for (MacieLocation location : listed) {
      if (location instanceof MacieLocation.Cell c) {
        whole.add(new MacieLocation.EveryRow(c.column(), c.columnName()));
      } else if (location instanceof MacieLocation.JsonRecord r && r.jsonPath() != null) {
        whole.add(new MacieLocation.EveryRecord(r.jsonPath().replaceAll("\\[\\d+\\]", "[*]")));
      }
    }
    return whole;
  }

  private static List<MacieLocation> locations(JsonNode occ, String at) throws Malformed {
    List<MacieLocation> locations = new ArrayList<>();
    JsonNode cells = array(occ, "cells", at + ".cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      String p = at + ".cells[" + i + "]";
      locations.add(new MacieLocation.Cell(requiredLong(c, "row", p + ".row"),
          requiredLong(c, "column", p + ".column"), text(c, "columnName")));
    }
    JsonNode records = array(occ, "records", at + ".records");
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      String p = at + ".records[" + i + "]";
      locations.add(new MacieLocation.JsonRecord(requiredLong(r, "recordIndex", p + ".recordIndex"),
          text(r, "jsonPath")));
    }
    JsonNode lines = array(occ, "lineRanges", at + ".lineRanges");
    for (int i = 0; i < lines.size(); i++) {
      JsonNode r = lines.get(i);
      String p = at + ".lineRanges[" + i + "]";
      locations.add(new MacieLocation.LineRange(requiredLong(r, "start", p + ".start"),
          requiredLong(r, "end", p + ".end"), optionalLong(r, "startColumn", p + ".startColumn")));
    }
    JsonNode offsets = array(occ, "offsetRanges", at + ".offsetRanges");
    for (int i = 0; i < offsets.size(); i++) {
      JsonNode r = offsets.get(i);
      String p = at + ".offsetRanges[" + i + "]";
      locations.add(new MacieLocation.OffsetRange(requiredLong(r, "start", p + ".start"),
          requiredLong(r, "end", p + ".end")));
    }
    JsonNode pages = array(occ, "pages", at + ".pages");
    for (int i = 0; i < pages.size(); i++) {
      locations.add(new MacieLocation.Page(
          requiredLong(pages.get(i), "pageNumber", at + ".pages[" + i + "].pageNumber")));
    }
    return locations;
  }

  /** The array at {@code field}; empty when absent or null. */
  private static JsonNode array(JsonNode parent, String field, String path) throws Malformed {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray()) {
      throw new Malformed(path + " is not an array");
    }
    return node;
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    return node.isTextual() ? node.asText() : null;
  }

  private static String required(JsonNode parent, String field, String path) throws Malformed {
    String value = text(parent, field);
    if (value == null || value.isEmpty()) {
      throw new Malformed(path + " is missing");
    }
    return value;
  }

  private static long requiredLong(JsonNode parent, String field, String path) throws Malformed {
    Long value = optionalLong(parent, field, path);
    if (value == null) {
      throw new Malformed(path + " is missing");
    }
    return value;
  }

  /** A whole number, also accepted as a string of digits (as some exports write it). */
  private static Long optionalLong(JsonNode parent, String field, String path) throws Malformed {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
      return Long.parseLong(node.asText());
    }
    throw new Malformed(path + " is not a whole number");
  }
}
