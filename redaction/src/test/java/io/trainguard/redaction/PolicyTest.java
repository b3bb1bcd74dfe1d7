package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Finding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

  private static final Path SAMPLES = Path.of("..", "samples", "policies");
  private static final String OPERATORS = "replace, redact, mask, keep, hash, tokenize, fpe,"
      + " date_shift, generalize, drop_column, drop_record, quarantine_record";

  @ParameterizedTest
  @ValueSource(strings = {"strict.yaml", "analytics.yaml", "reversible.yaml"})
  void samplePoliciesLoad(String file) throws Exception {
    Policy policy = Policy.load(SAMPLES.resolve(file));
    assertThat(policy.name()).isEqualTo(file);
    assertThat(ActionTest.roundTrip(policy)).isInstanceOf(Policy.class);
  }

  @Test
  void builtInStrictIsTheSampleStrict() throws Exception {
    try (InputStream in = Policy.class.getResourceAsStream("strict.yaml")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(SAMPLES.resolve("strict.yaml")));
    }
  }

  @Test
  void strictReplacesEverythingAndQuarantinesCredentials() {
    Policy strict = Policy.strict();
    assertThat(strict.name()).isEqualTo("strict.yaml");
    assertThat(strict.defaultAction()).isEqualTo(Replace.ENTITY_NAME);
    assertThat(strict.actionFor("EMAIL_ADDRESS", "email")).isEqualTo(Replace.ENTITY_NAME);
    assertThat(strict.actionFor("SOMETHING_NEW", null)).isEqualTo(Replace.ENTITY_NAME);
    assertThat(strict.actionFor("PASSWORD", null)).isEqualTo(Replace.ENTITY_NAME);
    for (String credential : List.of("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PRIVATE_KEY",
        "GITHUB_TOKEN", "SLACK_TOKEN", "JWT")) {
      assertThat(strict.actionFor(credential, "notes"))
          .isEqualTo(RecordAction.QUARANTINE_RECORD);
    }
    assertThat(strict.gate()).isEqualTo(Policy.Gate.NONE);
    assertThat(strict.minScore("PERSON")).isZero();
  }

  @Test
  void analyticsColumnsWinOverEntitiesExactBeforeGlobs() {
    Policy analytics = Policy.load(SAMPLES.resolve("analytics.yaml"));
    assertThat(analytics.actionFor("EMAIL_ADDRESS", null)).isEqualTo(new Hash());
    assertThat(analytics.actionFor("EMAIL_ADDRESS", "notes")).isEqualTo(new Redact());
    assertThat(analytics.actionFor("DATE_TIME", "patient_dob"))
        .isEqualTo(new Generalize(Generalize.Kind.YEAR));
    assertThat(analytics.actionFor("DATE_TIME", "dob")).isEqualTo(new Generalize(
        Generalize.Kind.MONTH));
    assertThat(analytics.actionFor("LOCATION", "home_zip"))
        .isEqualTo(new Generalize(Generalize.Kind.ZIP));
    assertThat(analytics.columnAction("zip")).contains(new Generalize(Generalize.Kind.ZIP));
    assertThat(analytics.columnAction("zipcode")).isEmpty();
    assertThat(analytics.columnAction(null)).isEmpty();
    assertThat(analytics.minScore("PERSON")).isEqualTo(0.6);
    assertThat(analytics.minScore("EMAIL_ADDRESS")).isEqualTo(0.5);
    assertThat(analytics.minScore("UNLISTED")).isEqualTo(0.5);
    assertThat(analytics.gate().failsOn("PASSWORD")).isTrue();
    assertThat(analytics.gate().failsOn("EMAIL_ADDRESS")).isFalse();
    assertThat(analytics.gate().maxPiiFractionPerColumn()).isEqualTo(1.0);
    assertThat(analytics.entities()).startsWith("EMAIL_ADDRESS", "PHONE_NUMBER");
  }

  @Test
  void reversibleUsesFpeAndTokens() {
    Policy reversible = Policy.load(SAMPLES.resolve("reversible.yaml"));
    assertThat(reversible.actionFor("CREDIT_CARD", null)).isEqualTo(new Fpe(true));
    assertThat(reversible.actionFor("US_SSN", null)).isEqualTo(new Fpe(false));
    assertThat(reversible.actionFor("EMAIL_ADDRESS", null)).isEqualTo(new Tokenize());
    assertThat(reversible.actionFor("DATE_TIME", null)).isEqualTo(new DateShift(-30, 30));
    assertThat(reversible.gate().failsOn("PRIVATE_KEY")).isTrue();
  }

  @Test
  void columnGlobsInWrittenOrder() {
    Policy policy = parse("""
        columns:
          "user.*": hash
          "*_email": redact
          "user.?d": keep
          user.email: tokenize
        """);
    assertThat(policy.columnAction("user.email")).contains(new Tokenize());
    assertThat(policy.columnAction("user.home_email")).contains(new Hash());
    assertThat(policy.columnAction("work_email")).contains(new Redact());
    assertThat(policy.columnAction("user.id")).contains(new Hash());
    assertThat(policy.columnAction("userxid")).isEmpty();
  }

  @Test
  void columnRulesMatchWhateverTheCase() {
    Policy policy = parse("""
        columns:
          ssn: drop_column
          "*_notes": redact
          user.email: tokenize
        """);
    assertThat(policy.columnAction("SSN")).contains(RecordAction.DROP_COLUMN);
    assertThat(policy.columnAction("Email_Notes")).contains(new Redact());
    assertThat(policy.columnAction("USER.Email")).contains(new Tokenize());
    assertThat(policy.columnAction("ssn_notes_x")).isEmpty();
    assertThatThrownBy(() -> parse("columns:\n  ssn: hash\n  SSN: drop_column\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("Invalid column in p.yaml at columns.SSN: \"SSN\" (allowed: one rule per"
            + " column name, whatever its case)");
  }

  @Test
  void minScoresAndAcceptedFindings() {
    Policy policy = parse("""
        min_score: 0.4
        entities:
          PERSON: {operator: replace, min_score: 0.85}
          US_SSN: {operator: "mask[*,5]"}
        """);
    Finding weakPerson = new Finding("PERSON", 0, 3, 0.6, "p");
    Finding person = new Finding("PERSON", 4, 7, 0.85, "p");
    Finding ssn = new Finding("US_SSN", 8, 19, 0.4, "s");
    Finding weakDate = new Finding("DATE_TIME", 20, 30, 0.39, "d");
    assertThat(policy.accepts(weakPerson)).isFalse();
    assertThat(policy.accepted(List.of(weakPerson, person, ssn, weakDate)))
        .containsExactly(person, ssn);
    assertThat(policy.minScore("US_SSN")).isEqualTo(0.4);
  }

  @Test
  void recordActionsTakeTheStrongestAndIgnoreUnacceptedFindings() {
    Policy policy = parse("""
        entities:
          PRIVATE_KEY: quarantine_record
          PASSWORD: {operator: drop_record, min_score: 0.9}
          US_SSN: drop_column
        columns:
          secrets: drop_record
        """);
    Finding key = new Finding("PRIVATE_KEY", 0, 5, 1.0, "k");
    Finding password = new Finding("PASSWORD", 6, 9, 0.8, "p");
    Finding ssn = new Finding("US_SSN", 10, 21, 1.0, "s");
    Finding email = new Finding("EMAIL_ADDRESS", 22, 30, 1.0, "e");
    assertThat(policy.recordAction("c", List.of(email))).isEmpty();
    assertThat(policy.recordAction("c", List.of(ssn, email))).contains(RecordAction.DROP_COLUMN);
    assertThat(policy.recordAction("c", List.of(ssn, key, password)))
        .contains(RecordAction.QUARANTINE_RECORD);
    assertThat(policy.recordAction("c", List.of(key, password.rescored(0.95, "context"))))
        .contains(RecordAction.DROP_RECORD);
    assertThat(policy.recordAction("secrets", List.of(email))).contains(RecordAction.DROP_RECORD);
  }

  @Test
  void redactorsNeverPassRecordActionEntitiesThrough() {
    Policy policy = parse("""
        default: keep
        entities:
          PRIVATE_KEY: quarantine_record
          EMAIL_ADDRESS: "mask[*,3]"
        columns:
          notes: redact
          "*_secret": drop_column
        """);
    String text = "k ab@c.de x";
    List<Finding> findings = List.of(new Finding("PRIVATE_KEY", 0, 1, 1.0, "k"),
        new Finding("EMAIL_ADDRESS", 2, 9, 1.0, "e"), new Finding("PERSON", 10, 11, 1.0, "p"));
    assertThat(policy.redactor(null).redact(text, findings)).isEqualTo("<PRIVATE_KEY> ***c.de x");
    assertThat(policy.redactor("notes").redact(text, findings)).isEqualTo("  ");
    assertThat(policy.redactor("my_secret").redact(text, findings))
        .isEqualTo("<PRIVATE_KEY> <EMAIL_ADDRESS> <PERSON>");
    assertThat(policy.redactor("notes").operatorFor("ANY")).isEqualTo(new Redact());
  }

  @Test
  void defaultIsReplaceUnlessWritten() {
    assertThat(parse("entities: {}").defaultAction()).isEqualTo(Replace.ENTITY_NAME);
    assertThat(parse("default: keep").actionFor("X", null)).isEqualTo(new Keep());
    assertThat(parse("default: quarantine_record").redactor(null).operatorFor("X"))
        .isEqualTo(Replace.ENTITY_NAME);
  }

  @Test
  void misspeltEntitiesAreRejectedNamingTheClosestKnownOnes() {
    java.util.Set<String> known = java.util.Set.of("EMAIL_ADDRESS", "IP_ADDRESS", "US_SSN",
        "PERSON", "CREDIT_CARD");
    Policy typo = parse("default: keep\nentities:\n  EMAIL_ADRESS: replace\n");
    assertThatThrownBy(() -> typo.requireKnownEntities(known))
        .isInstanceOf(PolicyException.class)
        .hasMessage("Unknown entity in p.yaml at entities.EMAIL_ADRESS: EMAIL_ADRESS (closest"
            + " known: EMAIL_ADDRESS)");
    Policy gate = parse("gate:\n  fail_on_entities: [US_SSN, CREDITCARD]\n");
    assertThatThrownBy(() -> gate.requireKnownEntities(known))
        .hasMessage("Unknown entity in p.yaml at gate.fail_on_entities: CREDITCARD (closest"
            + " known: CREDIT_CARD)");
    assertThatThrownBy(() -> parse("entities:\n  X_ADDRESS: hash\n").requireKnownEntities(known))
        .hasMessage("Unknown entity in p.yaml at entities.X_ADDRESS: X_ADDRESS (closest known:"
            + " IP_ADDRESS)");
    parse("entities:\n  EMAIL_ADDRESS: hash\ngate:\n  fail_on_entities: [US_SSN]\n")
        .requireKnownEntities(known);
  }

  @Test
  void credentialsAPolicyDoesNotNameGetItsCredentialsRuleNeverTheDefault() throws Exception {
    java.util.Set<String> credentials = java.util.Set.of("GCP_API_KEY", "SOME_FUTURE_TOKEN",
        "AWS_SECRET_KEY");
    // no CREDENTIALS rule: quarantined, whatever the default says; named entities keep theirs
    Policy plain = parse("""
        default: keep
        entities:
          AWS_SECRET_KEY: drop_record
        gate:
          fail_on_entities: [AWS_SECRET_KEY]
        """).withCredentials(credentials);
    assertThat(plain.actionFor("GCP_API_KEY", "notes")).isEqualTo(RecordAction.QUARANTINE_RECORD);
    assertThat(plain.actionFor("SOME_FUTURE_TOKEN", null))
        .isEqualTo(RecordAction.QUARANTINE_RECORD);
    assertThat(plain.actionFor("AWS_SECRET_KEY", null)).isEqualTo(RecordAction.DROP_RECORD);
    assertThat(plain.actionFor("OTHER", null)).isEqualTo(new Keep());
    assertThat(plain.redactor(null).operatorFor("GCP_API_KEY")).isEqualTo(Replace.ENTITY_NAME);
    assertThat(plain.gate().failOnEntities()).containsExactly("AWS_SECRET_KEY");

    // a CREDENTIALS rule and gate entry cover every credential the policy does not name
    Policy written = parse("""
        entities:
          CREDENTIALS: drop_record
          GCP_API_KEY: quarantine_record
        gate:
          fail_on_entities: [CREDENTIALS]
        """).withCredentials(credentials);
    assertThat(written.actionFor("SOME_FUTURE_TOKEN", null)).isEqualTo(RecordAction.DROP_RECORD);
    assertThat(written.actionFor("AWS_SECRET_KEY", null)).isEqualTo(RecordAction.DROP_RECORD);
    assertThat(written.actionFor("GCP_API_KEY", null)).isEqualTo(RecordAction.QUARANTINE_RECORD);
    assertThat(written.gate().failOnEntities()).containsExactlyInAnyOrder("CREDENTIALS",
        "GCP_API_KEY", "SOME_FUTURE_TOKEN", "AWS_SECRET_KEY");
    assertThat(ActionTest.roundTrip(written)).isInstanceOf(Policy.class);

    // CREDENTIALS is always a known name
    parse("entities:\n  CREDENTIALS: quarantine_record\ngate:\n  fail_on_entities: [CREDENTIALS]\n")
        .requireKnownEntities(java.util.Set.of("US_SSN"));
  }

  @Test
  void gateThresholds() {
    Policy.Gate gate = parse("""
        gate:
          fail_on_entities: [AWS_SECRET_KEY, PRIVATE_KEY, PASSWORD]
          max_pii_fraction_per_column: 0.5
        """).gate();
    assertThat(gate.failOnEntities())
        .containsExactlyInAnyOrder("AWS_SECRET_KEY", "PRIVATE_KEY", "PASSWORD");
    assertThat(gate.exceedsPiiFraction(5, 10)).isFalse();
    assertThat(gate.exceedsPiiFraction(6, 10)).isTrue();
    assertThat(gate.exceedsPiiFraction(0, 0)).isFalse();
    assertThat(Policy.Gate.NONE.exceedsPiiFraction(10, 10)).isFalse();
  }

  static Stream<Arguments> invalidPolicies() {
    return Stream.of(
        Arguments.of("entities:\n  EMAIL_ADDRESS: maskk[*]\n",
            "Invalid operator in p.yaml at entities.EMAIL_ADDRESS: \"maskk[*]\" (allowed: "
                + OPERATORS + ")"),
        Arguments.of("entities:\n  CREDIT_CARD: {operator: \"mask[*,0]\"}\n",
            "Invalid operator in p.yaml at entities.CREDIT_CARD.operator: \"mask[*,0]\" (COUNT"
                + " must be a whole number of 1 or more; allowed: mask[CHAR,COUNT],"
                + " mask[CHAR,COUNT,from_end])"),
        Arguments.of("default: 5\n",
            "Invalid operator in p.yaml at default: 5 (allowed: " + OPERATORS + ")"),
        Arguments.of("default:\n",
            "Invalid operator in p.yaml at default: null (allowed: " + OPERATORS + ")"),
        Arguments.of("columns:\n  notes: [redact]\n",
            "Invalid operator in p.yaml at columns.notes: a list (allowed: " + OPERATORS + ")"),
        Arguments.of("entity:\n  EMAIL_ADDRESS: hash\n",
            "Unknown key in p.yaml at entity (allowed: version, description, default, min_score,"
                + " entities, columns, gate, poisoning)"),
        Arguments.of("entities:\n  PERSON: {operator: replace, min: 0.5}\n",
            "Unknown key in p.yaml at entities.PERSON.min (allowed: operator, min_score)"),
        Arguments.of("entities:\n  PERSON: {min_score: 0.5}\n",
            "Missing key in p.yaml at entities.PERSON: operator"),
        Arguments.of("gate:\n  fail_on: [PASSWORD]\n",
            "Unknown key in p.yaml at gate.fail_on (allowed: fail_on_entities,"
                + " max_pii_fraction_per_column)"),
        Arguments.of("gate:\n  fail_on_entities: PASSWORD\n",
            "Invalid fail_on_entities in p.yaml at gate.fail_on_entities: \"PASSWORD\" (allowed:"
                + " a list of entity names)"),
        Arguments.of("gate:\n  fail_on_entities: [PASSWORD, \"AWS KEY\"]\n",
            "Invalid entity name in p.yaml at gate.fail_on_entities[1]: \"AWS KEY\" (allowed:"
                + " letters, digits and _)"),
        Arguments.of("gate:\n  max_pii_fraction_per_column: 1.5\n",
            "Invalid max_pii_fraction_per_column in p.yaml at gate.max_pii_fraction_per_column:"
                + " 1.5 (allowed: a number from 0 to 1)"),
        Arguments.of("gate: [x]\n",
            "Invalid gate in p.yaml at gate: a list (allowed: a mapping with keys"
                + " fail_on_entities, max_pii_fraction_per_column)"),
        Arguments.of("min_score: \"0.5\"\n",
            "Invalid min_score in p.yaml at min_score: \"0.5\" (allowed: a number from 0 to 1)"),
        Arguments.of("entities:\n  PERSON: {operator: keep, min_score: -0.1}\n",
            "Invalid min_score in p.yaml at entities.PERSON.min_score: -0.1 (allowed: a number"
                + " from 0 to 1)"),
        Arguments.of("entities: [EMAIL_ADDRESS]\n",
            "Invalid entities in p.yaml at entities: a list (allowed: a mapping of ENTITY:"
                + " operator or {operator, min_score})"),
        Arguments.of("entities:\n  \"EMAIL ADDRESS\": hash\n",
            "Invalid entity name in p.yaml at entities: \"EMAIL ADDRESS\" (allowed: letters,"
                + " digits and _)"),
        Arguments.of("columns: notes\n",
            "Invalid columns in p.yaml at columns: \"notes\" (allowed: a mapping of COLUMN or"
                + " GLOB: operator)"),
        Arguments.of("columns:\n  \"\": hash\n",
            "Invalid column in p.yaml at columns: \"\" (allowed: a column name or a glob with *"
                + " and ?)"),
        Arguments.of("version: 2\n", "Invalid version in p.yaml at version: 2 (allowed: 1)"),
        Arguments.of("description: [a]\n",
            "Invalid description in p.yaml at description: a list (allowed: a text)"),
        Arguments.of("", "Invalid policy in p.yaml: nothing (allowed: a mapping with keys"
            + " version, description, default, min_score, entities, columns, gate, poisoning)"),
        Arguments.of("- replace\n", "Invalid policy in p.yaml: a list (allowed: a mapping with"
            + " keys version, description, default, min_score, entities, columns, gate,"
            + " poisoning)"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalidPolicies")
  void invalidPoliciesAreRejectedWithExactMessages(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  @Test
  void messagesShowPersonalDataThePolicyHoldsAsItsEntity() {
    assertThatThrownBy(() -> parse("version: 1\nentities:\n  US_SSN: replace\n"
        + "john.smith@example.com 536-22-4789\n  EMAIL: x\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("Invalid YAML in p.yaml at line 3, column 18: while scanning a simple key");
    assertThatThrownBy(() -> parse("entities:\n  US_SSN: \"john.smith@example.com\"\n"))
        .hasMessage("Invalid operator in p.yaml at entities.US_SSN: <EMAIL_ADDRESS> (allowed: "
            + OPERATORS + ")");
    assertThatThrownBy(() -> parse("columns:\n  \"jane.roe@example.org\": bogus\n"))
        .hasMessage("Invalid operator in p.yaml at columns.<EMAIL_ADDRESS>: \"bogus\" (allowed: "
            + OPERATORS + ")");
    assertThatThrownBy(() -> parse("entities:\n  US_SSN: {operator: replace,"
        + " \"jane.roe@example.org\": 1}\n"))
        .hasMessage("Unknown key in p.yaml at entities.US_SSN.<EMAIL_ADDRESS> (allowed: operator,"
            + " min_score)");
  }

  @Test
  void yamlErrorsNameTheLine() {
    assertThatThrownBy(() -> parse("entities:\n  PERSON: replace\n  PERSON: hash\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("Invalid YAML in p.yaml at line 3, column ")
        .hasMessageContaining("Duplicate field 'PERSON'");
    assertThatThrownBy(() -> parse("entities: {PERSON: [}\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("Invalid YAML in p.yaml at line 1, column ");
  }

  @Test
  void missingFile() {
    Path missing = SAMPLES.resolve("missing.yaml");
    assertThatThrownBy(() -> Policy.load(missing))
        .hasMessage("Cannot read policy " + missing + ": no such file");
  }

  @Test
  void policiesSerializeForExecutors() throws Exception {
    Policy policy = Policy.load(SAMPLES.resolve("analytics.yaml"));
    Policy copy = (Policy) ActionTest.roundTrip(policy);
    assertThat(copy.actionFor("DATE_TIME", "patient_dob"))
        .isEqualTo(policy.actionFor("DATE_TIME", "patient_dob"));
    assertThat(copy.gate()).isEqualTo(policy.gate());
    assertThat(copy.recordAction(null, List.of(new Finding("PASSWORD", 0, 1, 1.0, "p"))))
        .isEqualTo(Optional.of(RecordAction.QUARANTINE_RECORD));
  }

  @Test
  void poisoningSectionIsHandedOnAsWrittenAndSurvivesSerialization() throws Exception {
    Policy policy = parse("poisoning:\n  action: quarantine\n  bogus: [1]\n");
    assertThat(policy.poisoning()).map(Object::toString)
        .contains("{\"action\":\"quarantine\",\"bogus\":[1]}");
    assertThat(((Policy) ActionTest.roundTrip(policy)).poisoning()).isEqualTo(policy.poisoning());
    assertThat(parse("default: replace\n").poisoning()).isEmpty();
  }

  private static Policy parse(String yaml) {
    return Policy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml");
  }
  /** A finding under its min_score protects nothing: the ones inside it count on their own. */
  @Test
  void findingsInsideAnIgnoredFindingAreJudgedOnTheirOwn() {
    Policy policy = Policy.parse(new ByteArrayInputStream(
        "version: 1\nentities:\n  URL: {operator: replace, min_score: 0.99}\n"
            .getBytes(StandardCharsets.UTF_8)), "strict-urls.yaml");
    String text = "visit https://example.com/share?to=john.smith@example.com today";
    List<Finding> accepted = policy.accepted(
        io.trainguard.classifiers.Analyzer.defaults().analyze(text));
    assertThat(accepted).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS", 35, 57));
    assertThat(policy.redactor(null).redact(text, accepted))
        .isEqualTo("visit https://example.com/share?to=<EMAIL_ADDRESS> today");
  }
}
