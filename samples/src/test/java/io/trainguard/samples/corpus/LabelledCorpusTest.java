package io.trainguard.samples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LabelledCorpusTest {

  private static final int N = 60;
  private static List<LabelledRecord> corpus;

  @BeforeAll
  static void generate() {
    corpus = LabelledCorpus.generate(N, 42L);
  }

  @Test
  void coversExactlyThePresidioEntityTypesAskedFor() {
    assertThat(LabelledCorpus.ENTITIES).containsExactlyInAnyOrder("CREDIT_CARD", "US_SSN",
        "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER",
        "US_NPI", "US_MBI", "MEDICAL_LICENSE", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS",
        "MAC_ADDRESS", "URL", "IBAN_CODE", "CRYPTO", "DATE_TIME", "UK_NHS", "UK_NINO",
        "UK_POSTCODE", "CA_SIN", "AU_TFN", "AU_ABN", "IN_AADHAAR", "IN_PAN", "DE_TAX_ID",
        "ES_NIF", "IT_FISCAL_CODE", "PL_PESEL", "SG_NRIC_FIN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
        "PRIVATE_KEY", "JWT", "GITHUB_TOKEN", "SLACK_TOKEN", "GENERIC_API_KEY", "PASSWORD",
        "PERSON", "LOCATION");
    assertThat(LabelledCorpus.ENTITIES).containsAll(LabelledCorpus.CHECKSUM_ENTITIES);
    assertThat(EntityShapes.SHAPES.keySet())
        .containsExactlyInAnyOrderElementsOf(LabelledCorpus.ENTITIES);
  }

  @Test
  void isDeterministicPerSeed() {
    assertThat(LabelledCorpus.generate(N, 42L)).isEqualTo(corpus);
    assertThat(LabelledCorpus.generate(N, 43L)).isNotEqualTo(corpus);
  }

  @Test
  void everyEntityTypeAppearsInEveryShape() {
    for (String entity : LabelledCorpus.ENTITIES) {
      for (String shape : List.of("context", "plain", "cell")) {
        assertThat(corpus).as("%s %s", entity, shape).filteredOn(r -> r.group().equals(entity)
            && r.shape().equals(shape)).hasSize(N / 3)
            .allSatisfy(r -> assertThat(r.spans()).singleElement()
                .extracting(Span::entity).isEqualTo(entity));
      }
    }
    assertThat(corpus).filteredOn(r -> r.shape().equals("mixed")).hasSize(N)
        .allSatisfy(r -> assertThat(r.spans()).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void everySpanCoversAWellFormedValueOfItsEntity() {
    for (LabelledRecord r : corpus) {
      for (Span span : r.spans()) {
        String value = r.valueOf(span);
        assertThat(EntityShapes.SHAPES.get(span.entity()).test(value))
            .as("%s in %s: '%s'", span.entity(), r.id(), value).isTrue();
      }
    }
  }

  @Test
  void spansAreOrderedAndDisjointAndCellsAreWholeValues() {
    for (LabelledRecord r : corpus) {
      for (int i = 1; i < r.spans().size(); i++) {
        assertThat(r.spans().get(i).start()).as(r.id())
            .isGreaterThanOrEqualTo(r.spans().get(i - 1).end());
      }
      if (r.isCell() && !r.isNegative()) {
        assertThat(r.spans()).singleElement().isEqualTo(new Span(r.group(), 0,
            r.text().codePointCount(0, r.text().length())));
      }
    }
  }

  @Test
  void offsetsCountCodePointsNotUtf16Units() {
    List<LabelledRecord> astral = corpus.stream().filter(r -> !r.spans().isEmpty()
        && r.text().codePointCount(0, r.text().length()) < r.text().length()).toList();
    assertThat(astral).hasSizeGreaterThan(50);
    LabelledRecord r = astral.get(0);
    Span span = r.spans().get(0);
    assertThat(r.text().substring(span.start(), span.end())).isNotEqualTo(r.valueOf(span));
  }

  @Test
  void hardNegativesHaveNoSpansAndHideNoValidNumber() {
    Map<String, Integer> perKind = new TreeMap<>();
    // A stand-alone number: digits, single spaces or dashes between them; a dot ends it.
    Pattern number = Pattern.compile("(?<![A-Za-z0-9])[0-9](?:[ -]?[0-9])+(?![A-Za-z0-9])");
    Pattern token = Pattern.compile("[A-Za-z0-9]{14,}");
    for (LabelledRecord r : corpus.stream().filter(LabelledRecord::isNegative).toList()) {
      assertThat(r.spans()).as(r.id()).isEmpty();
      perKind.merge(r.group(), 1, Integer::sum);
      // A printed IBAN is groups of four: its digit groups are not numbers of their own.
      String text = r.group().equals("negative.bad_iban") ? "" : r.text();
      for (Matcher m = number.matcher(text); m.find(); ) {
        String digits = EntityShapes.digits(m.group());
        assertThat(Checksums.anyNumericSchemeAccepts(digits)).as("%s: %s", r.id(), m.group())
            .isFalse();
      }
      String compact = r.text().replaceAll("(?<=[A-Z0-9]{4}) (?=[A-Z0-9])", "");
      for (Matcher m = token.matcher(compact); m.find(); ) {
        assertThat(Checksums.isIbanValid(m.group()) || BitcoinAddresses.isBase58CheckValid(
            m.group()) || BitcoinAddresses.isBech32Valid(m.group())).as("%s: %s", r.id(),
            m.group()).isFalse();
      }
    }
    assertThat(perKind).hasSize(LabelledCorpus.NEGATIVE_KINDS.size())
        .allSatisfy((kind, count) -> assertThat(count).isEqualTo((N + 1) / 2));
  }

  @Test
  void writesOneJsonObjectPerLineWithEscapes() throws Exception {
    LabelledRecord r = new LabelledRecord("PRIVATE_KEY:context:0001",
        "\uD83D\uDE00 \"key\":\n-----BEGIN\\", List.of(new Span("PRIVATE_KEY", 10, 20)));
    assertThat(r.toJson()).isEqualTo("{\"id\":\"PRIVATE_KEY:context:0001\",\"text\":\""
        + "\uD83D\uDE00 \\\"key\\\":\\n-----BEGIN\\\\\",\"spans\":[{\"entity\":\"PRIVATE_KEY\","
        + "\"start\":10,\"end\":20}]}");
    StringWriter out = new StringWriter();
    LabelledCorpus.write(corpus, out);
    assertThat(out.toString().split("\n", -1)).hasSize(corpus.size() + 1)
        .allSatisfy(line -> assertThat(line).doesNotContain("\r", "\t"));
  }
}
