package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amazon's own Macie fixtures (test resources {@code aws-macie-reveal/}) import as Macie wrote them. */
class AwsMacieFixturesTest {

  static final Path FIXTURES = Path.of("src/test/resources/aws-macie-reveal");

  /** Per entity: how many listed locations, then how many whole columns or JSON paths. */
  private static Map<String, String> summary(MacieImport imported) {
    return imported.occurrences().stream().collect(Collectors.groupingBy(MacieOccurrence::entity,
        TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), list -> {
          long whole = list.stream().filter(o -> o.location() instanceof MacieLocation.EveryRow
              || o.location() instanceof MacieLocation.EveryRecord).count();
          return (list.size() - whole) + "+" + whole;
        })));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "avro.json|mock-data/avro/sample-data.avro"
          + "|{CREDIT_CARD=3+1, LOCATION=3+2, PERSON=3+1, PHONE_NUMBER=3+1, US_SSN=3+1}",
      "cdi.json|test-cdi.csv|{email check=1+1}",
      "csv.json|macie-workshop/sample-data.csv|{CREDIT_CARD=2+1, DATE_TIME=2+1, LOCATION=3+2,"
          + " PERSON=2+1, PHONE_NUMBER=3+1, US_SSN=3+1}",
      "json.json|macie-workshop/CreditCardDataSmall.json"
          + "|{CREDIT_CARD=5+1, CREDIT_CARD_SECURITY_CODE=5+1, PERSON=5+1}",
      "parquet.json|records/sample-data.parquet|{CREDIT_CARD=2+1, DATE_TIME=2+1, LOCATION=3+2,"
          + " PERSON=2+1, PHONE_NUMBER=3+1, US_SSN=3+1}",
      "path-with-spaces.json|macie-workshop/sample-data with spaces.csv|{CREDIT_CARD=2+1,"
          + " DATE_TIME=2+1, LOCATION=3+2, PERSON=2+1, PHONE_NUMBER=3+1, US_SSN=3+1}"})
  void eachSingleFindingImportsWithEveryColumnFlagged(String file, String key, String expected) {
    MacieImport imported = MacieFindingsFile.read(FIXTURES.resolve("findings").resolve(file));

    assertThat(imported.skipped()).isZero();
    assertThat(imported.warnings()).isEmpty();
    assertThat(imported.occurrences()).isNotEmpty()
        .allSatisfy(o -> assertThat(o.key()).isEqualTo(key))
        .allSatisfy(o -> assertThat(o.bucket()).isEqualTo("DOC-EXAMPLE-BUCKET1"));
    assertThat(imported.detailedResultsLocations()).singleElement().asString()
        .startsWith("s3://DOC-EXAMPLE-BUCKET/AWSLogs/").endsWith(".jsonl.gz");
    assertThat(summary(imported)).hasToString(expected);
  }

  @Test
  void theJsonFindingFlagsEachPathForEveryRecord() {
    MacieImport imported = MacieFindingsFile.read(FIXTURES.resolve("findings/json.json"));

    assertThat(imported.occurrences().stream().map(MacieOccurrence::location)
        .filter(l -> l instanceof MacieLocation.EveryRecord).map(Object::toString).sorted())
        .containsExactly("EveryRecord[jsonPath=$[*].CVV]", "EveryRecord[jsonPath=$[*].Name]",
            "EveryRecord[jsonPath=$[*]['Card Number']]");
  }

  @Test
  void theCsvFindingFlagsEachColumnForEveryRow() {
    MacieImport imported = MacieFindingsFile.read(FIXTURES.resolve("findings/csv.json"));

    assertThat(imported.occurrences().stream()
        .filter(o -> o.location() instanceof MacieLocation.EveryRow)
        .map(o -> o.entity() + "@" + ((MacieLocation.EveryRow) o.location()).columnName())
        .sorted().distinct())
        .contains("CREDIT_CARD@CCN", "US_SSN@SSN", "PHONE_NUMBER@phone", "DATE_TIME@birthdate",
            "PERSON@last_name");
  }

  @ParameterizedTest
  @CsvSource({
      "4d632e11-b6f2-32fb-ae9f-3c7efda4fcbf.jsonl.gz, mock-data/avro/sample-data.avro",
      "53039a83-54e8-33b5-aed0-5d5bb32c7178.jsonl.gz, macie-workshop/sample-data",
      "9eea5504-d2d2-3309-8094-55ab06461829.jsonl.gz, records/sample-data.parquet",
      "ac3e3364-41c0-32d9-86b9-3ebbab1290d5.jsonl.gz, macie-workshop/CreditCardDataSmall.json",
      "bca1db4c-fb51-38cc-8555-bae4f195cf71.jsonl.gz, test-cdi.csv"})
  void eachDiscoveryResultImports(String file, String key) throws IOException {
    MacieImport imported;
    try (InputStream in = Files.newInputStream(FIXTURES.resolve("s3").resolve(file))) {
      imported = DiscoveryResults.read(in, file);
    }

    assertThat(imported.skipped()).isZero();
    assertThat(imported.warnings()).isEmpty();
    assertThat(imported.occurrences()).isNotEmpty()
        .allSatisfy(o -> assertThat(o.key()).startsWith(key))
        .allSatisfy(o -> assertThat(o.source()).isEqualTo(MacieSource.DISCOVERY_RESULT));
  }

  @Test
  void aDiscoveryResultsStringNumbersAreRead() throws IOException {
    MacieImport imported;
    try (InputStream in = Files.newInputStream(
        FIXTURES.resolve("s3/bca1db4c-fb51-38cc-8555-bae4f195cf71.jsonl.gz"))) {
      imported = DiscoveryResults.read(in, "cdi");
    }

    assertThat(imported.occurrences()).singleElement().satisfies(o -> {
      assertThat(o.entity()).isEqualTo("email check");
      assertThat(o.custom()).isTrue();
      assertThat(o.size()).isEqualTo(4855L);
      assertThat(o.location()).isEqualTo(new MacieLocation.Cell(2, 12, "email"));
    });
  }
}
