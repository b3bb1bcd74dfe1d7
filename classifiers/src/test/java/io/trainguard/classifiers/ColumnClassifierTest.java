package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ColumnClassifierTest {

  private static final ColumnClassifier CLASSIFIER = new ColumnClassifier(Analyzer.defaults());

  @Test
  void valuesAloneMakeAPlanWhenMostAreTheEntity() {
    List<String> sample = List.of("bo@example.org", "ana@example.com", "", "x@example.net",
        "kim@example.org", "lee@example.com");
    assertThat(CLASSIFIER.classify("contact", sample)).contains(new ColumnPlan("contact",
        "EMAIL_ADDRESS", 1.0, 5, "values: 1.0 of sampled values are EMAIL_ADDRESS"));
  }

  @Test
  void findingsGivenToClassifyDecideThePlan() {
    List<String> sample = List.of("bo@example.org", "", "ana@example.com");
    List<String> asked = new java.util.ArrayList<>();
    assertThat(CLASSIFIER.classify("contact", sample, (column, value) -> {
      asked.add(column + "=" + value);
      return CLASSIFIER.analyze(column, value);
    })).isEqualTo(CLASSIFIER.classify("contact", sample)).isPresent();
    assertThat(asked).containsExactly("contact=bo@example.org", "contact=ana@example.com");
    assertThat(CLASSIFIER.classify("contact", sample, (column, value) -> List.of())).isEmpty();
  }

  @Test
  void nameHintNeedsSomeAgreeingValues() {
    // Unassigned area codes are only "possible" numbers: values alone would not decide.
    List<String> sample = List.of("381-555-0154", "511-555-0198", "212-555-0187", "n/a");
    assertThat(CLASSIFIER.classify("phone", sample)).hasValueSatisfying(p -> {
      assertThat(p.entity()).isEqualTo("PHONE_NUMBER");
      assertThat(p.sampleSize()).isEqualTo(4);
    });
    assertThat(CLASSIFIER.classify("phone", Collections.nCopies(5, "unknown"))).isEmpty();
  }

  /**
   * Amazon's Macie fixture {@code test-cdi.csv}: SSNs of area 000 and test cards under columns
   * named {@code SSN} and {@code CCN} were kept whole (the recognizers reject them as issued
   * numbers; Macie reports them). In a column named for the entity, its written form plans it.
   */
  @Test
  void aValueInTheFormOfTheEntityTheColumnNamesPlansIt() {
    assertThat(CLASSIFIER.classify("SSN", List.of("000-11-1111", "000-11-1111")))
        .contains(new ColumnPlan("SSN", "US_SSN", 0.5, 2,
            "column name and 1.0 of sampled values in its form"));
    assertThat(CLASSIFIER.classify("cc_number", List.of("4111-1111-1111-1112", "n/a")))
        .contains(new ColumnPlan("cc_number", "CREDIT_CARD", 0.5, 2,
            "column name and 0.5 of sampled values in its form"));
    assertThat(CLASSIFIER.classify("ssn", List.of("000-11-11111", "n/a", "unknown"))).isEmpty();
    assertThat(CLASSIFIER.classify("ssn_verified", List.of("yes", "no", "yes"))).isEmpty();
  }

  @Test
  void namesAndAddressesArePlannedByColumnNameAlone() {
    // values no recognizer reads as names, so that only the column name can plan it
    assertThat(CLASSIFIER.classify("customer_name", List.of("x 1", "y 2")))
        .contains(new ColumnPlan("customer_name", "PERSON", 0.5, 2, "column name"));
  }

  /** Undashed SSNs score under the threshold alone; the column name is their context. */
  static final List<String> UNDASHED_SSNS =
      List.of("536914827", "212456789", "345678912", "412583697", "536914823");

  @Test
  void aColumnNameIsContextForItsValues() {
    assertThat(CLASSIFIER.classify("ssn", UNDASHED_SSNS)).contains(new ColumnPlan("ssn",
        "US_SSN", 1.0, 5, "values: 1.0 of sampled values are US_SSN"));
    assertThat(CLASSIFIER.classify("SSN", UNDASHED_SSNS)).map(ColumnPlan::entity)
        .contains("US_SSN");
    assertThat(CLASSIFIER.classify("amount", UNDASHED_SSNS)).isEmpty();
  }

  @Test
  void aColumnWithoutSampledValuesIsPlannedByItsNameAlone() {
    assertThat(CLASSIFIER.classify("full_name", Collections.nCopies(200, "")))
        .contains(new ColumnPlan("full_name", "PERSON", 0.5, 0, "column name"));
    assertThat(CLASSIFIER.classify("password", List.of()))
        .contains(new ColumnPlan("password", "PASSWORD", 0.5, 0, "column name"));
    assertThat(CLASSIFIER.classify("ssn", List.of())).isEmpty();
  }

  @Test
  void cardSecurityCodesAndExpiryDatesArePlannedByNameAlone() {
    assertThat(CLASSIFIER.classify("cc_cvc", List.of("111", "11", "111"))).contains(
        new ColumnPlan("cc_cvc", "CREDIT_CARD_SECURITY_CODE", 0.5, 3, "column name"));
    assertThat(CLASSIFIER.classify("cc_expiredate", List.of("1111/11/11"))).contains(
        new ColumnPlan("cc_expiredate", "CREDIT_CARD_EXPIRATION", 0.5, 1, "column name"));
  }

  @Test
  void freeTextColumnsGetSpanDetection() {
    List<String> notes = List.of("call me at 212-555-0187 after 5", "prefers email",
        "order shipped", "bo@example.org asked for a refund");
    assertThat(CLASSIFIER.classify("note", notes)).isEmpty();
    assertThat(CLASSIFIER.classify("empty", List.of("", " "))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"email, EMAIL_ADDRESS", "userEmail, EMAIL_ADDRESS", "E-Mail, EMAIL_ADDRESS",
      "phone_number, PHONE_NUMBER", "ssn, US_SSN", "card_number, CREDIT_CARD",
      "first_name, PERSON", "lastName, PERSON", "middle, PERSON", "middle_name, PERSON", "date_of_birth, DATE_TIME", "dob, DATE_TIME",
      "home_address, LOCATION", "ip, IP_ADDRESS", "api_key, GENERIC_API_KEY",
      "cc_cvc, CREDIT_CARD_SECURITY_CODE", "CVV, CREDIT_CARD_SECURITY_CODE",
      "security_code, CREDIT_CARD_SECURITY_CODE", "cc_expiredate, CREDIT_CARD_EXPIRATION",
      "cardExpiry, CREDIT_CARD_EXPIRATION", "cc_type, CREDIT_CARD", "card_holder, CREDIT_CARD"})
  void columnNameHints(String column, String entity) {
    assertThat(ColumnClassifier.hintOf(column)).isEqualTo(entity);
  }

  @ParameterizedTest
  @CsvSource({"note", "plan", "monthly_spend", "label", "id", "description", "token_expiry",
      "expiry_date"})
  void columnsWithoutHints(String column) {
    assertThat(ColumnClassifier.hintOf(column)).isNull();
  }
}
