package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Presidio's own configuration files (test resources {@code presidio/}, MIT): what each builds
 * in {@link RecognizerPack.Mode#REPLACE}, Presidio's reading of a registry, or why it is
 * rejected.
 */
class PresidioConfigurationTest {

  private static final String US = "UsBankRecognizer:US_BANK_NUMBER,"
      + "UsItinRecognizer:US_ITIN,UsLicenseRecognizer:US_DRIVER_LICENSE,"
      + "UsPassportRecognizer:US_PASSPORT,UsSsnRecognizer:US_SSN";
  private static final String GENERIC = "CryptoBech32Recognizer:CRYPTO,"
      + "CryptoRecognizer:CRYPTO,DateRecognizer:DATE_TIME,EmailRecognizer:EMAIL_ADDRESS,"
      + "IbanRecognizer:IBAN_CODE,IpRecognizer:IP_ADDRESS,MedicalLicenseRecognizer:MEDICAL_LICENSE,"
      + "NhsRecognizer:UK_NHS,PhoneRecognizer:PHONE_NUMBER,UrlRecognizer:URL";

  /** What Presidio's NER recognizers (spaCy, Stanza, transformers) stand for. */
  private static final String NER = "LocationRecognizer:LOCATION,NameLocationRecognizer:LOCATION,"
      + "NamePersonRecognizer:PERSON,NrpRecognizer:NRP,PersonRecognizer:PERSON";

  static Stream<Arguments> loaded() {
    return Stream.of(
        Arguments.of("conf/default_analyzer_full.yaml", "CreditCardRecognizer:CREDIT_CARD,"
            + GENERIC + "," + NER + "," + US),
        Arguments.of("conf/slim.yaml", "CreditCardRecognizer:CREDIT_CARD,"
            + GENERIC + "," + NER + "," + US),
        Arguments.of("conf/default_recognizers.yaml", "CreditCardRecognizer:CREDIT_CARD,"
            + GENERIC + ",EsNieRecognizer:ES_NIE,EsNifRecognizer:ES_NIF,"
            + "ItFiscalCodeRecognizer:IT_FISCAL_CODE,MacAddressRecognizer:MAC_ADDRESS,"
            + "PlPeselRecognizer:PL_PESEL," + US),
        Arguments.of("example_recognizers.yaml", "Titles recognizer:TITLE,Zip code Recognizer:ZIP"),
        Arguments.of("tests/conf/recognizers.yaml",
            "Titles recognizer:TITLE,Zip code Recognizer:ZIP"),
        Arguments.of("tests/conf/custom_recognizer_yaml.yaml", "Zip code Recognizer:ZIP"),
        Arguments.of("tests/conf/missing_global_regex_flags.yaml",
            "CreditCardRecognizer:CREDIT_CARD,EmailRecognizer:EMAIL_ADDRESS"),
        Arguments.of("tests/conf/test_ahds_reco.yaml", ""),
        Arguments.of("tests/conf/test_azure_ai_language_reco.yaml", ""),
        Arguments.of("tests/conf/test_analyzer_engine.yaml", "CreditCardRecognizer:CREDIT_CARD,"
            + "ExampleCustomRecognizer:ZIP,ItFiscalCodeRecognizer:IT_FISCAL_CODE,"
            + "ZipCodeRecognizer:ZIP"),
        Arguments.of("tests/conf/test_recognizer_registry.yaml",
            "CreditCardRecognizer:IT_FISCAL_CODE,ExampleCustomRecognizer:ZIP,"
            + "ItFiscalCodeRecognizer:IT_FISCAL_CODE,ZipCodeRecognizer:ZIP"),
        Arguments.of("tests/conf/test_minimal_registry_conf.yaml",
            "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tests/conf/test_multiple_nlp_recognizers.yaml",
            NER),
        Arguments.of("tests/conf/test_nlp_reco_disabled_conf.yaml",
            "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tests/conf/test_nlp_reco_does_not_match_engine.yaml",
            "CreditCardRecognizer:CREDIT_CARD," + NER),
        Arguments.of("tests/conf/test_nlp_recognizer_only_conf.yaml",
            NER),
        Arguments.of("tests/conf/test_no_nlp_engine.yaml", "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tests/conf/test_no_nlp_reco_conf.yaml", "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tests/conf/test_no_nlp_reco_conf_multilingual.yaml",
            "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tests/conf/test_recognizers.yaml",
            "TitleRecognizer:TITLE,ZipCodeRecognizer:ZIP"),
        Arguments.of("tests/conf/test_stanza_without_recognizer.yaml",
            "CreditCardRecognizer:CREDIT_CARD"),
        Arguments.of("tutorial/09_ad_hoc_regex.json", "Zip code Recognizer:ZIP"),
        Arguments.of("tutorial/09_ad_hoc_deny_list.json",
            "Mr. Recognizer:MR_TITLE,Ms. Recognizer:MS_TITLE"),
        Arguments.of("tutorial/09_ad_hoc_analyze.json", "Zip code Recognizer:ZIP"));
  }

  static Stream<Arguments> rejected() {
    String nlp = ": no recognizers (an NLP engine or LLM configuration)";
    return Stream.of(
        Arguments.of("conf/default.yaml", nlp),
        Arguments.of("conf/slim_nlp.yaml", nlp),
        Arguments.of("conf/spacy.yaml", nlp),
        Arguments.of("conf/spacy_multilingual.yaml", nlp),
        Arguments.of("conf/stanza.yaml", nlp),
        Arguments.of("conf/stanza_multilingual.yaml", nlp),
        Arguments.of("conf/transformers.yaml", nlp),
        Arguments.of("conf/langextract_config_azureopenai.yaml", nlp),
        Arguments.of("conf/langextract_config_basic.yaml", nlp),
        Arguments.of("tests/conf/default.yaml", nlp),
        Arguments.of("tests/conf/test.yaml", nlp),
        Arguments.of("tests/conf/test_stanza.yaml", nlp),
        Arguments.of("tests/conf/test_transformers.yaml", nlp),
        Arguments.of("conf/default_analyzer.yaml", ": no recognizers"),
        Arguments.of("tests/conf/simple_analyzer_engine.yaml", ": no recognizers"),
        Arguments.of("tests/conf/missing_recognizers.yaml", ": no recognizers"),
        Arguments.of("tests/conf/recognizers_error.yaml", ": no recognizers"),
        Arguments.of("tests/conf/recognizer_configuration_missing_keys.yaml",
            ": no recognizers"));
  }

  static RecognizerPack load(String file) {
    try (InputStream in = PresidioConfigurationTest.class.getResourceAsStream("/presidio/" + file)) {
      return RecognizerPack.parse(in, Path.of(file).getFileName().toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loaded")
  void buildsWhatPresidioBuilds(String file, String expected) {
    List<Recognizer> built = RecognizerPack.combine(List.of(RecognizerPack.builtIn(), load(file)),
        RecognizerPack.Mode.REPLACE);
    assertThat(built.stream().map(r -> r.name() + ":" + r.entity()).sorted())
        .containsExactlyElementsOf(expected.isEmpty() ? List.of()
            : Stream.of(expected.split(",")).sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectsWhatHoldsNoRecognizer(String file, String reason) {
    assertThatThrownBy(() -> load(file)).isInstanceOf(PackException.class)
        .hasMessage("Invalid pack " + Path.of(file).getFileName() + reason);
  }

  @Test
  void everyConfigurationFileIsCovered() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/presidio").toURI());
    List<String> tested = Stream.concat(loaded(), rejected())
        .map(a -> (String) a.get()[0]).sorted().toList();
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(f -> f.toString().matches(".*\\.(yaml|json)"))
          .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted())
          .containsExactlyElementsOf(tested);
    }
  }

  @Test
  void languagesAreThoseOfTheRegistry() {
    RecognizerPack multilingual = load("tests/conf/test_analyzer_engine.yaml");
    assertThat(multilingual.languages()).isEqualTo(Map.of(
        "CreditCardRecognizer", List.of("en"),
        "ItFiscalCodeRecognizer", List.of("de", "en", "es"),
        "ExampleCustomRecognizer", List.of("en", "es"),
        "ZipCodeRecognizer", List.of("de")));
    assertThat(multilingual.recognizers()).filteredOn(r -> r.name().equals("ExampleCustomRecognizer"))
        .flatExtracting(Recognizer::context).containsExactly("credit", "tarjeta", "credito");
  }

  @Test
  void defaultRecognizersWarnsOfWhatTrainguardDoesDifferently() {
    assertThat(load("conf/default_recognizers.yaml").warnings()).containsExactly(
        "Recognizer EsNifRecognizer in pack default_recognizers.yaml is for es in Presidio, not"
            + " English; trainguard applies it to all text",
        "Recognizer EsNieRecognizer in pack default_recognizers.yaml is for es in Presidio, not"
            + " English; trainguard applies it to all text",
        "Predefined recognizer ItDriverLicenseRecognizer in pack default_recognizers.yaml is not"
            + " available in trainguard; ignored",
        "Recognizer ItFiscalCodeRecognizer in pack default_recognizers.yaml is for it in"
            + " Presidio, not English; trainguard applies it to all text",
        "Predefined recognizer ItVatCodeRecognizer in pack default_recognizers.yaml is not"
            + " available in trainguard; ignored",
        "Predefined recognizer ItIdentityCardRecognizer in pack default_recognizers.yaml is not"
            + " available in trainguard; ignored",
        "Predefined recognizer ItPassportRecognizer in pack default_recognizers.yaml is not"
            + " available in trainguard; ignored",
        "Recognizer PlPeselRecognizer in pack default_recognizers.yaml is for pl in Presidio,"
            + " not English; trainguard applies it to all text",
        "Pack default_recognizers.yaml sets country_code on UsBankRecognizer, UsLicenseRecognizer,"
            + " UsItinRecognizer, UsPassportRecognizer, UsSsnRecognizer, NhsRecognizer,"
            + " EsNifRecognizer, EsNieRecognizer, ItDriverLicenseRecognizer,"
            + " ItFiscalCodeRecognizer, ItVatCodeRecognizer, ItIdentityCardRecognizer,"
            + " ItPassportRecognizer, PlPeselRecognizer, MedicalLicenseRecognizer; trainguard does"
            + " not filter recognizers by country");
  }

  @Test
  void theTutorialsRegistryHoldsOnlyItsRecognizersOrAddsThemToTheBuiltIns() {
    RecognizerPack examples = load("example_recognizers.yaml");
    String text = "Dear Mrs. Smith, zip code 10023, ann@example.com";
    assertThat(new Analyzer(RecognizerPack.combine(List.of(RecognizerPack.builtIn(), examples),
        RecognizerPack.Mode.REPLACE), 0.3).analyze(text)).extracting(Finding::entity)
        .containsExactly("TITLE", "ZIP");
    assertThat(new Analyzer(RecognizerPack.combine(List.of(RecognizerPack.builtIn(), examples),
        RecognizerPack.Mode.EXTEND), 0.3).analyze(text)).extracting(Finding::entity)
        .containsExactly("TITLE", "PERSON", "ZIP", "EMAIL_ADDRESS"); // the name leaves "Mrs." out
  }
}
