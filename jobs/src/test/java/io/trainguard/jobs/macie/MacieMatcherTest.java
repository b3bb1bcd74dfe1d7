package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.macie.MacieLocation.Cell;
import io.trainguard.jobs.macie.MacieLocation.JsonRecord;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Macie's (bucket, key) onto input files, stale findings and the per-column aggregation. */
class MacieMatcherTest {

  static MacieOccurrence at(String bucket, String key, String etag, Long size, String entity,
      MacieLocation location) {
    return new MacieOccurrence(MacieSource.FINDING, "f", "job", bucket, key, etag, null, size,
        entity, entity, false, location);
  }

  static DataFile input(String relative, long size, String etag) {
    return new DataFile("s3a://training/raw/" + relative, relative, size, etag, null);
  }

  @Test
  void sameBucketMatchesByKeyUnderTheInputPrefix() {
    MacieMatcher matcher = new MacieMatcher("s3a://training/raw", null);
    MacieOccurrence inside = at("training", "raw/support/tickets.jsonl", null, null,
        "EMAIL_ADDRESS", new JsonRecord(3, "$.text"));
    MacieOccurrence outside = at("training", "archive/support/tickets.jsonl", null, null,
        "EMAIL_ADDRESS", new JsonRecord(3, "$.text"));

    MacieMatches matches = matcher.match(List.of(inside, outside),
        List.of(input("support/tickets.jsonl", 10, null)));

    assertThat(matches.all()).containsExactly(
        new MacieMatch("support/tickets.jsonl", inside, false));
    assertThat(matches.unmatched()).isEqualTo(1);
    assertThat(matches.warnings()).containsExactly("Macie reported 1 occurrence in"
        + " s3://training/archive/support/tickets.jsonl, which is not among the inputs");
  }

  @Test
  void aPrefixWithCharactersAUriQuotesMatchesByItsKey() {
    MacieMatcher matcher = new MacieMatcher("s3a://training/raw [1]{a}|^`", null);
    MacieOccurrence inside = at("training", "raw [1]{a}|^`/t<1>.jsonl", null, null,
        "EMAIL_ADDRESS", new JsonRecord(3, "$.text"));

    assertThat(matcher.match(List.of(inside), List.of(input("t<1>.jsonl", 10, null))).all())
        .containsExactly(new MacieMatch("t<1>.jsonl", inside, false));
  }

  @Test
  void aCopyInAnotherBucketMatchesAfterStrippingTheKeyPrefix() {
    MacieMatcher matcher = new MacieMatcher("s3a://copy/staging/", "raw/");
    MacieOccurrence o = at("training", "raw/staging/customers.csv", null, null, "PERSON",
        new Cell(2, 2, "name"));

    assertThat(matcher.match(List.of(o), List.of(input("customers.csv", 10, null))).all())
        .containsExactly(new MacieMatch("customers.csv", o, false));
  }

  @Test
  void aLocalCopyMatchesByKeyAfterStrippingTheKeyPrefix() {
    MacieMatcher matcher = new MacieMatcher("/data/input", "raw");
    MacieOccurrence o = at("training", "raw/customers.csv", null, null, "PERSON",
        new Cell(2, 2, "name"));
    MacieOccurrence other = at("training", "other/customers.csv", null, null, "PERSON",
        new Cell(2, 2, "name"));

    MacieMatches matches = matcher.match(List.of(o, other),
        List.of(new DataFile("file:/data/input/customers.csv", "customers.csv", 10, null, null)));

    assertThat(matches.all()).extracting(MacieMatch::occurrence).containsExactly(o);
    assertThat(matches.unmatched()).isEqualTo(1);
  }

  @Test
  void aChangedObjectMakesItsOccurrencesStaleButKeepsThemAsColumnHints() {
    MacieMatcher matcher = new MacieMatcher("s3a://training/raw/", null);
    MacieOccurrence old = at("training", "raw/customers.csv", "\"AAA\"", 10L, "PERSON",
        new Cell(2, 2, "name"));
    MacieOccurrence resized = at("training", "raw/people.csv", null, 99L, "PERSON",
        new Cell(2, 1, "name"));
    MacieOccurrence current = at("training", "raw/orders.csv", "\"bbb\"", 5L, "PERSON",
        new Cell(2, 1, "buyer"));

    MacieMatches matches = matcher.match(List.of(old, resized, current), List.of(
        input("customers.csv", 10, "bbb"), input("people.csv", 10, null),
        input("orders.csv", 5, "BBB")));

    assertThat(matches.all()).extracting(MacieMatch::stale).containsExactly(true, true, false);
    assertThat(matches.applicable("customers.csv")).isEmpty();
    assertThat(matches.applicable("orders.csv")).extracting(MacieMatch::occurrence)
        .containsExactly(current);
    assertThat(matches.columnHints("customers.csv")).isEqualTo(Map.of("name", Map.of("PERSON", 1L)));
    assertThat(matches.warnings()).containsExactly(
        "Macie findings for customers.csv are stale (ETag differs): 1 occurrence used as column"
            + " hints only",
        "Macie findings for people.csv are stale (size differs): 1 occurrence used as column"
            + " hints only");
  }

  @Test
  void aggregatesDistinctRowsPerColumnAndEntityAndDistinctRecordsPerField() {
    MacieMatcher matcher = new MacieMatcher("s3a://training/raw/", null);
    List<MacieOccurrence> occurrences = List.of(
        at("training", "raw/customers.csv", null, null, "PERSON", new Cell(2, 2, "name")),
        at("training", "raw/customers.csv", null, null, "PERSON", new Cell(3, 2, "name")),
        // the same cell again, as a discovery result repeats a finding's occurrence
        at("training", "raw/customers.csv", null, null, "PERSON", new Cell(3, 2, "name")),
        at("training", "raw/customers.csv", null, null, "LOCATION", new Cell(3, 9, "note")),
        at("training", "raw/customers.csv", null, null, "US_SSN", new Cell(4, 5, null)),
        at("training", "raw/support/tickets.jsonl", null, null, "EMAIL_ADDRESS",
            new JsonRecord(0, "$.text")),
        at("training", "raw/support/tickets.jsonl", null, null, "EMAIL_ADDRESS",
            new JsonRecord(4, "$.text")),
        at("training", "raw/support/tickets.jsonl", null, null, "PERSON",
            new JsonRecord(4, null)));

    MacieMatches matches = matcher.match(occurrences, List.of(input("customers.csv", 1, null),
        input("support/tickets.jsonl", 1, null)));

    assertThat(matches.columnHints("customers.csv")).isEqualTo(Map.of(
        "name", Map.of("PERSON", 2L),
        "note", Map.of("LOCATION", 1L),
        "#5", Map.of("US_SSN", 1L)));
    assertThat(matches.fieldHints("support/tickets.jsonl"))
        .isEqualTo(Map.of("$.text", Map.of("EMAIL_ADDRESS", 2L)));
    assertThat(matches.applicable("customers.csv")).hasSize(4);
  }
}
