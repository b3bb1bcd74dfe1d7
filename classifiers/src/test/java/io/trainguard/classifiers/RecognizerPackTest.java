package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizerPackTest {

  private static RecognizerPack parse(String text) {
    return RecognizerPack.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "test.yaml");
  }

  @Test
  void loadsPresidioRegistryYamlUnchanged() {
    RecognizerPack pack = parse("""
        supported_languages:
          - en
        global_regex_flags: 26
        recognizers:
          - name: "Zip code Recognizer"
            supported_language: "en"
            supported_entity: "ZIP"
            type: custom
            patterns:
              - name: "zip code (weak)"
                regex: "(\\\\b\\\\d{5}(?:\\\\-\\\\d{4})?\\\\b)"
                score: 0.01
            context:
              - zip
              - code
          - name: "Titles recognizer"
            supported_language: "en"
            supported_entity: "TITLE"
            deny_list:
              - Mr.
              - Mrs.
              - Ms.
            deny_list_score: 0.8
        """);
    assertThat(pack.recognizers()).extracting(Recognizer::name, Recognizer::entity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Zip code Recognizer", "ZIP"),
            org.assertj.core.groups.Tuple.tuple("Titles recognizer", "TITLE"));
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.3);
    assertThat(analyzer.analyze("my zip is 10001-1234, dear MRS. Smith"))
        .extracting(Finding::entity, Finding::start, Finding::end, Finding::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ZIP", 10, 20, 0.4),
            org.assertj.core.groups.Tuple.tuple("TITLE", 27, 31, 0.8));
  }

  @Test
  void loadsPresidioAdHocJsonRecognizer() {
    RecognizerPack pack = parse("""
        {"name": "Employee id", "supported_entity": "EMPLOYEE_ID",
         "patterns": [{"name": "emp", "regex": "EMP-(?P<num>[0-9]{6})", "score": 0.9}]}
        """);
    assertThat(new Analyzer(pack.recognizers(), 0.5).analyze("badge emp-123456"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("EMPLOYEE_ID", 6, 16));
  }

  @Test
  void validatorExtensionDropsChecksumFailures() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: cards
            supported_entity: CREDIT_CARD
            patterns: [{name: digits, regex: "[0-9]{16}", score: 0.2}]
            validator: luhn
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    assertThat(analyzer.analyze("4111111111111111")).extracting(Finding::score).containsExactly(1.0);
    assertThat(analyzer.analyze("4111111111111112")).isEmpty();
  }

  @Test
  void laterPacksOverrideAndDisableByName() {
    RecognizerPack user = parse("""
        recognizers:
          - name: email
            enabled: false
          - name: us_ssn
            supported_entity: US_SSN
            patterns: [{name: only_dashed, regex: "[0-9]{3}-[0-9]{2}-[0-9]{4}", score: 0.9}]
        """);
    List<Recognizer> combined = RecognizerPack.combine(List.of(RecognizerPack.builtIn(), user));
    assertThat(combined).extracting(Recognizer::name).doesNotContain("email").contains("us_ssn");
    Analyzer analyzer = new Analyzer(combined, 0.5);
    assertThat(analyzer.analyze("bo@example.org 000-12-3456"))
        .extracting(Finding::entity, Finding::start).containsExactly(
            org.assertj.core.groups.Tuple.tuple("US_SSN", 15));
  }

  @Test
  void builtInPackCoversTheFoundationEntities() {
    assertThat(RecognizerPack.builtIn().recognizers()).extracting(Recognizer::entity)
        .contains("EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "IP_ADDRESS");
  }

  @Test
  void errorsNameThePackRecognizerAndPattern() {
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: broken
            supported_entity: X
            patterns: [{name: bad_one, regex: "(unclosed", score: 0.5}]
        """)).isInstanceOf(PackException.class)
        .hasMessageStartingWith("Invalid pattern bad_one of recognizer broken in pack test.yaml:");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: nameless_entity
            patterns: [{name: p, regex: "a"}]
        """)).hasMessage("Invalid recognizer nameless_entity in pack test.yaml:"
            + " missing supported_entity");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: v
            supported_entity: X
            patterns: [{name: p, regex: "a"}]
            validator: crc
        """)).hasMessage("Invalid validator of recognizer v in pack test.yaml: crc"
            + " (allowed: luhn, us_ssn, ipv4)");
    assertThatThrownBy(() -> parse("recognizers: [ {name: x")).isInstanceOf(PackException.class)
        .hasMessageStartingWith("Invalid pack test.yaml: not valid YAML or JSON");
  }
}
