package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizerPackTest {

  static RecognizerPack parse(String text) {
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
  void checkedScoreExtensionReportsAChecksumAloneButKeepsContextScoring() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: sins
            supported_entity: CA_SIN
            patterns: [{name: bare, regex: "(?<![0-9])[0-9]{9}(?![0-9])", score: 0.25}]
            context: [sin]
            invalidator: ca_sin
            checked_score: 0.55
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    assertThat(analyzer.analyze("ref 046454286")).extracting(Finding::start, Finding::end,
        Finding::score, Finding::explanation).containsExactly(org.assertj.core.groups.Tuple.tuple(
            4, 13, 0.55, "pattern bare, ca_sin valid, no context"));
    assertThat(analyzer.analyze("SIN 046454286")).extracting(Finding::score,
        Finding::explanation).containsExactly(org.assertj.core.groups.Tuple.tuple(0.6,
            "pattern bare, context 'sin'"));
    assertThat(analyzer.analyze("ref 046454287")).isEmpty();
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: v
            supported_entity: X
            patterns: [{name: p, regex: "a"}]
            checked_score: 1.5
        """)).hasMessage("Invalid checked_score of recognizer v in pack test.yaml: 1.5");
  }

  @Test
  void laterPacksOverrideAndDisableByName() {
    RecognizerPack user = parse("""
        recognizers:
          - name: EmailRecognizer
            enabled: false
          - name: UsSsnRecognizer
            supported_entity: US_SSN
            patterns: [{name: only_dashed, regex: "[0-9]{3}-[0-9]{2}-[0-9]{4}", score: 0.9}]
        """);
    List<Recognizer> combined = RecognizerPack.combine(List.of(RecognizerPack.builtIn(), user));
    assertThat(combined).extracting(Recognizer::name).doesNotContain("EmailRecognizer")
        .contains("UsSsnRecognizer");
    Analyzer analyzer = new Analyzer(combined, 0.5);
    assertThat(analyzer.analyze("bo@example.org 000-12-3456"))
        .extracting(Finding::entity, Finding::start).containsExactly(
            org.assertj.core.groups.Tuple.tuple("US_SSN", 15));
  }

  @Test
  void presidioPredefinedEntriesToggleTheEquivalentBuiltIns() {
    RecognizerPack registry = parse("""
        recognizers:
          - name: CreditCardRecognizer
            type: predefined
            enabled: false
          - name: PhoneRecognizer
            type: predefined
          - name: SpacyRecognizer
            type: predefined
        """);
    assertThat(registry.disabled()).containsExactly("CreditCardRecognizer");
    assertThat(registry.listed()).containsExactlyInAnyOrder("PhoneRecognizer",
        "PersonRecognizer", "LocationRecognizer", "NamePersonRecognizer",
        "NameLocationRecognizer", "NrpRecognizer");
    assertThat(registry.warnings()).isEmpty();
    List<Recognizer> combined = RecognizerPack.combine(List.of(RecognizerPack.builtIn(), registry));
    assertThat(new Analyzer(combined, 0.5).analyze("card 4111 1111 1111 1111")).isEmpty();
  }

  @Test
  void catastrophicUserRegexFailsFastWithItsName() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: EvilRecognizer
            supported_entity: EVIL
            patterns: [{name: nested_quantifier, regex: "(.*,){11}x", score: 0.9}]
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    String hostile = ",".repeat(41);
    long start = System.nanoTime();
    assertThatThrownBy(() -> analyzer.analyze(hostile))
        .isInstanceOf(RegexBudgetException.class)
        .hasMessage("Recognizer EvilRecognizer pattern nested_quantifier exceeded its matching"
            + " budget on a value of 41 chars");
    assertThat(analyzer.analyze("a,".repeat(11) + "x")).hasSize(1);
    // Without the budget, (.*,){11}x tries about C(41,11) = 6e9 ways to split 41 commas.
    assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
  }

  @Test
  void triggerExtensionSkipsTextsThatCannotMatch() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: Digits
            supported_entity: NUM
            patterns: [{name: n, regex: "[0-9]+", score: 0.9}]
            trigger: {digits: 3}
          - name: Tagged
            supported_entity: TAG
            patterns: [{name: t, regex: "#[a-z]+", score: 0.9}]
            trigger: {literals: ["#"]}
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    assertThat(analyzer.analyze("12 #x")).extracting(Finding::entity).containsExactly("TAG");
    assertThat(analyzer.analyze("123 x")).extracting(Finding::entity).containsExactly("NUM");
  }

  @Test
  void builtInPackCoversTheFoundationEntities() {
    assertThat(RecognizerPack.builtIn().recognizers()).extracting(Recognizer::entity)
        .contains("EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "IP_ADDRESS");
  }

  /**
   * A name in a pack that holds personal data (pasted by mistake, or planted) is named by its
   * entity in errors and warnings, as the policy's messages name such keys.
   */
  @Test
  void errorsAndWarningsNeverQuotePersonalDataFromThePack() {
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: 536-22-8049
            supported_entity: X
            patterns: [{name: bob@example.com, regex: "(unclosed", score: 0.5}]
        """)).isInstanceOf(PackException.class)
        .hasMessageStartingWith("Invalid pattern <EMAIL_ADDRESS> of recognizer <US_SSN> in pack"
            + " test.yaml:");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: jane.doe@example.com
            type: 536-22-8049
        """)).hasMessage("Invalid type of recognizer <EMAIL_ADDRESS> in pack test.yaml:"
            + " <US_SSN> (allowed: predefined, custom)");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: v
            supported_entity: X
            patterns: [{name: p, regex: "a"}]
            validator: 536-22-8049
        """)).hasMessage("Invalid validator of recognizer v in pack test.yaml: <US_SSN>"
            + " (allowed: " + Validator.allowedNames() + ")");
    assertThat(parse("""
        recognizers:
          - name: jane.doe@example.com
            supported_entities: [X, Y]
            patterns: [{name: p, regex: "a"}]
        """).warnings()).containsExactly("Recognizer <EMAIL_ADDRESS> in pack test.yaml lists 2"
            + " supported_entities; it reports only the first, X, as in Presidio");
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
            + " (allowed: " + Validator.allowedNames() + ")");
    assertThatThrownBy(() -> parse("recognizers: [ {name: x")).isInstanceOf(PackException.class)
        .hasMessageStartingWith("Invalid pack test.yaml: not valid YAML or JSON");
  }

  static List<Recognizer> replace(RecognizerPack pack) {
    return RecognizerPack.combine(List.of(RecognizerPack.builtIn(), pack),
        RecognizerPack.Mode.REPLACE);
  }

  static List<Recognizer> extend(RecognizerPack pack) {
    return RecognizerPack.combine(List.of(RecognizerPack.builtIn(), pack),
        RecognizerPack.Mode.EXTEND);
  }

  @Test
  void registryWrapperOfAnAnalyzerConfigurationIsRead() {
    RecognizerPack pack = parse("""
        supported_languages: [en]
        default_score_threshold: 0
        nlp_configuration: {nlp_engine_name: spacy}
        recognizer_registry:
          global_regex_flags: 26
          recognizers:
            - name: CreditCardRecognizer
              type: predefined
            - name: SpacyRecognizer
              type: predefined
              enabled: false
        """);
    assertThat(pack.listed()).containsExactly("CreditCardRecognizer");
    assertThat(pack.disabled()).containsExactlyInAnyOrder("PersonRecognizer",
        "LocationRecognizer", "NamePersonRecognizer", "NameLocationRecognizer", "NrpRecognizer");
    assertThat(pack.warnings()).containsExactly(
        "Pack test.yaml sets a score threshold of 0; trainguard uses --threshold instead");
  }

  @Test
  void bareAndNameOnlyEntriesArePredefined() {
    RecognizerPack pack = parse("""
        recognizers:
          - CreditCardRecognizer
          - name: EmailRecognizer
        """);
    assertThat(pack.listed()).containsExactlyInAnyOrder("CreditCardRecognizer",
        "EmailRecognizer");
    assertThat(replace(pack)).extracting(Recognizer::name)
        .containsExactlyInAnyOrder("EmailRecognizer", "CreditCardRecognizer");
  }

  @Test
  void supportedEntitiesReportsTheFirstAsPresidioDoes() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: Ticket
            supported_entities: [TICKET, ORDER]
            patterns: [{name: t, regex: "TK-[0-9]{4}", score: 0.9}]
        """);
    assertThat(pack.recognizers()).extracting(Recognizer::entity).containsExactly("TICKET");
    assertThat(pack.warnings()).containsExactly("Recognizer Ticket in pack test.yaml lists 2"
        + " supported_entities; it reports only the first, TICKET, as in Presidio");
  }

  @Test
  void analyzeRequestBodyWithAdHocRecognizersIsRead() {
    RecognizerPack pack = parse("""
        {"text": "some text", "language": "en", "score_threshold": 0.6,
         "entities": ["ZIP"],
         "ad_hoc_recognizers": [{"name": "Mr. Recognizer", "supported_language": "en",
           "deny_list": ["Mr", "Mr.", "Mister"], "supported_entity": "MR_TITLE"}]}
        """);
    assertThat(new Analyzer(replace(pack), 0.5).analyze("Mister Plum and mr. Green"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("MR_TITLE", 0, 6),
            org.assertj.core.groups.Tuple.tuple("MR_TITLE", 16, 18));
    assertThat(pack.warnings()).containsExactly(
        "Pack test.yaml sets a score threshold of 0.6; trainguard uses --threshold instead",
        "Pack test.yaml is an /analyze request; its entities filter is not applied");
  }

  @Test
  void denyListIsCaseSensitiveWithoutIgnoreCaseFlag() {
    RecognizerPack pack = parse("""
        global_regex_flags: 0
        recognizers:
          - name: Titles
            supported_entity: TITLE
            deny_list: [Dr.]
        """);
    assertThat(new Analyzer(pack.recognizers(), 0.5).analyze("dr. No, Dr. Who"))
        .extracting(Finding::start).containsExactly(8);
  }

  @Test
  void globalRegexFlagsMustBeAnInteger() {
    assertThatThrownBy(() -> parse("""
        global_regex_flags: ignorecase
        recognizers: [CreditCardRecognizer]
        """)).hasMessage("Invalid global_regex_flags in pack test.yaml: not an integer");
  }

  @Test
  void languagesAndPerLanguageContextAreRead() {
    RecognizerPack pack = parse("""
        supported_languages: [en, es]
        recognizers:
          - name: Badge
            supported_entity: BADGE
            supported_languages:
              - language: en
                context: [badge]
              - language: es
                context: [placa]
            patterns: [{name: b, regex: "B[0-9]{6}", score: 0.3}]
          - name: Kfz
            supported_language: de
            supported_entity: KFZ
            patterns: [{name: k, regex: "K[0-9]{6}", score: 0.9}]
        """);
    assertThat(pack.languages()).containsEntry("Badge", List.of("en", "es"))
        .containsEntry("Kfz", List.of());
    assertThat(pack.recognizers().get(0).context()).containsExactly("badge", "placa");
    assertThat(pack.warnings()).containsExactly("Recognizer Kfz in pack test.yaml is for de in"
        + " Presidio, not English; trainguard applies it to all text");
    assertThat(new Analyzer(pack.recognizers(), 0.5).analyze("placa B123456, K123456"))
        .extracting(Finding::entity).containsExactly("BADGE", "KFZ");
  }

  @Test
  void supportedCountriesAndCountryCodeAreReportedAsNotApplied() {
    RecognizerPack pack = parse("""
        supported_countries: [us]
        recognizers:
          - name: NhsRecognizer
            type: predefined
            country_code: uk
        """);
    assertThat(pack.warnings()).containsExactly("Pack test.yaml sets supported_countries;"
        + " trainguard does not filter recognizers by country", "Pack test.yaml sets country_code"
        + " on NhsRecognizer; trainguard does not filter recognizers by country");
  }

  @Test
  void classNameNamesThePredefinedRecognizer() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: Cards
            class_name: CreditCardRecognizer
            type: predefined
        """);
    assertThat(pack.listed()).containsExactly("CreditCardRecognizer");
  }

  @Test
  void overridesOfAPredefinedRecognizerApply() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: UsSsnRecognizer
            type: predefined
            supported_entity: SSN
            context: [sozial]
          - name: EmailRecognizer
            type: predefined
            patterns: [{name: corp, regex: '[a-z]+@corp\\.example', score: 0.9}]
        """);
    List<Recognizer> recognizers = replace(pack);
    assertThat(recognizers).extracting(Recognizer::name, Recognizer::entity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("UsSsnRecognizer", "SSN"),
        org.assertj.core.groups.Tuple.tuple("EmailRecognizer", "EMAIL_ADDRESS"));
    assertThat(recognizers.get(0).context()).containsExactly("sozial");
    assertThat(new Analyzer(recognizers, 0.5)
        .analyze("ann@corp.example ann@other.example sozial 536-90-4399"))
        .extracting(Finding::entity, Finding::start, Finding::end).containsExactly(
            org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS", 0, 16),
            org.assertj.core.groups.Tuple.tuple("SSN", 42, 53));
  }

  @Test
  void disablingSpacyRecognizerDisablesPersonAndLocation() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: SpacyRecognizer
            type: predefined
            enabled: false
        """);
    String text = "Dear John Smith, welcome to London";
    assertThat(new Analyzer(extend(RecognizerPack.builtIn()), 0.5).analyze(text))
        .extracting(Finding::entity).contains("PERSON", "LOCATION");
    assertThat(new Analyzer(extend(pack), 0.5).analyze(text))
        .extracting(Finding::entity).doesNotContain("PERSON", "LOCATION");
  }

  @Test
  void unknownPredefinedNamesAreReported() {
    RecognizerPack pack = parse("""
        recognizers:
          - ItPassportRecognizer
          - name: KrRrnRecognizer
            type: predefined
            enabled: false
        """);
    assertThat(pack.warnings()).containsExactly("Predefined recognizer ItPassportRecognizer in"
        + " pack test.yaml is not available in trainguard; ignored");
  }

  @Test
  void predefinedNamesMapToTheBuiltInsThatCoverThem() {
    assertThat(RecognizerPack.builtInsFor("CryptoRecognizer"))
        .containsExactly("CryptoRecognizer", "CryptoBech32Recognizer");
    assertThat(RecognizerPack.builtInsFor("EsNieRecognizer")).containsExactly("EsNieRecognizer");
    assertThat(RecognizerPack.builtInsFor("SpacyRecognizer"))
        .containsExactly("PersonRecognizer", "LocationRecognizer", "NamePersonRecognizer",
            "NameLocationRecognizer", "NrpRecognizer");
    assertThat(RecognizerPack.builtInsFor("ItPassportRecognizer")).isEmpty();
    RecognizerPack crypto = parse("recognizers: [CryptoRecognizer]");
    assertThat(new Analyzer(replace(crypto), 0.5)
        .analyze("send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
        .extracting(Finding::entity).containsExactly("CRYPTO");
  }

  @Test
  void esNieIsItsOwnEntity() {
    RecognizerPack pack = parse("recognizers: [EsNieRecognizer]");
    assertThat(new Analyzer(replace(pack), 0.5).analyze("NIE X1234567L, DNI 12345678Z"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ES_NIE", 4, 13));
  }

  @Test
  void replaceModeKeepsOnlyWhatThePackListsExtendKeepsTheRest() {
    RecognizerPack pack = parse("recognizers: [EmailRecognizer]");
    String text = "ann@example.com 536-90-4399";
    assertThat(new Analyzer(replace(pack), 0.5).analyze(text)).extracting(Finding::entity)
        .containsExactly("EMAIL_ADDRESS");
    assertThat(new Analyzer(extend(pack), 0.5).analyze(text)).extracting(Finding::entity)
        .containsExactly("EMAIL_ADDRESS", "US_SSN");
  }

  @Test
  void lowScoreExampleWorksWithALowThreshold() {
    RecognizerPack pack = parse("""
        recognizers:
          - name: Zip
            supported_entity: ZIP
            patterns: [{name: weak, regex: '\\b\\d{5}\\b', score: 0.01}]
        """);
    assertThat(new Analyzer(replace(pack), 0.5).analyze("ref 10023")).isEmpty();
    assertThat(new Analyzer(replace(pack), 0.0).analyze("ref 10023"))
        .extracting(Finding::entity, Finding::start, Finding::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ZIP", 4, 0.01));
  }

  @Test
  void overridesThatCannotApplyAreReportedOrRejected() {
    RecognizerPack phone = parse("""
        recognizers:
          - name: PhoneRecognizer
            type: predefined
            context: [tel]
        """);
    assertThat(phone.listed()).containsExactly("PhoneRecognizer");
    assertThat(phone.warnings()).containsExactly("Recognizer PhoneRecognizer in pack test.yaml"
        + " overrides PhoneRecognizer, whose entity, context and patterns cannot be changed;"
        + " built-in kept");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: CryptoRecognizer
            type: predefined
            patterns: [{name: btc, regex: "1[a-z]{25}", score: 0.5}]
        """)).hasMessage("Invalid recognizer CryptoRecognizer in pack test.yaml: patterns of"
        + " CryptoRecognizer cannot override its 2 built-in recognizers CryptoRecognizer,"
        + " CryptoBech32Recognizer");
    assertThatThrownBy(() -> parse("""
        recognizers:
          - name: Llm
            type: llm
        """)).hasMessage("Invalid type of recognizer Llm in pack test.yaml: llm (allowed:"
        + " predefined, custom)");
  }
}
