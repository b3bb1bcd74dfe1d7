package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Document-level name memory: a part of a person's name found elsewhere in the document. */
class NameMemoryTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  private static List<Tuple> people(List<Finding> findings) {
    return findings.stream().filter(f -> f.entity().equals("PERSON"))
        .map(f -> tuple(f.start(), f.end())).toList();
  }

  /**
   * A name in a script written without spaces, found once after its cue, is a person wherever it
   * stands again, inside the words of the text, in it and in the texts of the same memory.
   */
  @Test
  void aNameInAScriptWrittenWithoutSpacesIsAPersonWhereverItStandsAgain() {
    assertThat(people(DEFAULTS.analyze("联系人：王伟，电话 13812345678。王伟明天来。")))
        .containsExactly(tuple(4, 6), tuple(22, 24));
    assertThat(people(DEFAULTS.analyze("김민준 고객님이 문의하셨습니다. 김민준에게 답장했습니다.")))
        .containsExactly(tuple(0, 3), tuple(18, 21));
    NameMemory memory = new NameMemory();
    assertThat(people(DEFAULTS.analyze("联系人：王伟", memory))).containsExactly(tuple(4, 6));
    assertThat(people(DEFAULTS.analyze("王伟明天来。", memory))).containsExactly(tuple(0, 2));
    assertThat(people(DEFAULTS.analyze("我很高兴。", memory))).isEmpty();
  }

  @Test
  void aGivenNameAloneAfterTheFullNameIsAPerson() {
    assertThat(people(DEFAULTS.analyze(
        "Tamsin Pryce called about the refund. We told Tamsin it was sent.")))
        .containsExactly(tuple(0, 12), tuple(46, 52));
  }

  @Test
  void aGivenNameAloneBeforeTheFullNameIsAPerson() {
    assertThat(people(DEFAULTS.analyze(
        "We told Tamsin it was sent. Tamsin Pryce called back.")))
        .containsExactly(tuple(8, 14), tuple(28, 40));
  }

  @Test
  void aParticleAndSurnameAreOnePart() {
    assertThat(people(DEFAULTS.analyze(
        "Ludwig van Beethoven wrote nine symphonies. Later van Beethoven went deaf.")))
        .containsExactly(tuple(0, 20), tuple(50, 63));
  }

  @Test
  void recalledPartsScoreAsTheirNameAndSayWhy() {
    List<Finding> found = DEFAULTS.analyze(
        "Tamsin Pryce called about the refund. We told Tamsin it was sent.");
    Finding name = found.get(0);
    Finding part = found.get(1);
    assertThat(part.score()).isEqualTo(name.score());
    assertThat(part.recognizer()).isEqualTo(name.recognizer());
    assertThat(part.explanation()).isEqualTo("part of a name found elsewhere in the document")
        .doesNotContain("Tamsin");
  }

  @Test
  void notInsideAFindingOfAnotherTypeNorAfterADeterminerNorASentenceStartingCommonWord() {
    assertThat(DEFAULTS.analyze("Ryan Player lives at 12 Player Road, Perth WA 6000."))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("PERSON", 0, 11), tuple("LOCATION", 21, 50));
    assertThat(people(DEFAULTS.analyze("Bill Gates spoke. Gates said the Bill passed.")))
        .containsExactly(tuple(0, 10), tuple(18, 23));
    assertThat(people(DEFAULTS.analyze("Will Smith starred in it. Will you watch it?")))
        .containsExactly(tuple(0, 10));
    // A surname that starts a sentence is still the person's.
    assertThat(people(DEFAULTS.analyze("Gary Player won the Open. Player retired in 1998.")))
        .containsExactly(tuple(0, 11), tuple(26, 32));
  }

  @Test
  void aNameTheDocumentShowsToBeACompanysIsNoPersonAnywhereInIt() {
    // Before, each "Caloi" alone was a PERSON (the model's, and the name memory's from "Luigi
    // Caloi"), as were "Ford" twice and the second "Nicholson".
    assertThat(people(DEFAULTS.analyze("Caloi was founded in 1898 by Luigi Caloi. In 1972 Caloi"
        + " introduced a folding bicycle, and Caloi still makes bicycles.")))
        .containsExactly(tuple(29, 40));
    assertThat(people(DEFAULTS.analyze(
        "Henry Ford built cars. Ford was founded in 1903, and Ford sold millions.")))
        .containsExactly(tuple(0, 10));
    assertThat(people(DEFAULTS.analyze(
        "Nicholson's Limited ran the station until 1963, when Nicholson's sold it to a network.")))
        .isEmpty();
  }

  @Test
  void aNameTheDocumentShowsToBeAPlacesIsALocationEverywhereInIt() {
    List<Finding> found = DEFAULTS.analyze("Trains ran to Morgan twice a day. The village of"
        + " Morgan lost its station in 1950, when Morgan was bypassed.");
    assertThat(found).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("LOCATION", 14, 20), tuple("LOCATION", 49, 55),
            tuple("LOCATION", 87, 93));
    assertThat(found.get(0).explanation()).isEqualTo("a place's name elsewhere in the document");
  }

  @Test
  void aPossessiveIsThePartWithoutItsEnding() {
    assertThat(people(DEFAULTS.analyze(
        "Tamsin Pryce called. We sent Pryce's refund and Tamsin\u2019s card.")))
        .containsExactly(tuple(0, 12), tuple(29, 34), tuple(48, 54));
  }

  /**
   * Found as a new user: "user ayşe yılmaz cannot log in. Ayşe's phone: …" redacted "Ayşe" and
   * kept the lower-case "ayşe yılmaz" before it; a name followed by "'s" was not remembered at
   * all, nor a surname whose possessive the name ended with.
   */
  @Test
  void aNameWordNoDictionaryHoldsIsThePersonsInLowerCaseToo() {
    assertThat(people(DEFAULTS.analyze(
        "Ticket #88123: user ayşe yılmaz cannot log in. Ayşe's phone: 0532 123 45 67")))
        .containsExactly(tuple(20, 31), tuple(47, 51));
    assertThat(people(DEFAULTS.analyze("Tamsin Pryce called. later tamsin said no")))
        .containsExactly(tuple(0, 12), tuple(27, 33));
    assertThat(people(DEFAULTS.analyze("Ida Brannagh's order shipped. Brannagh called.")))
        .containsExactly(tuple(0, 14), tuple(30, 38));
    // A common word in lower case is not the name it is part of.
    assertThat(people(DEFAULTS.analyze("Will Smith came. will you go?")))
        .containsExactly(tuple(0, 10));
    assertThat(people(DEFAULTS.analyze("Tamsin Rain called. the rain stopped")))
        .containsExactly(tuple(0, 11));
  }

  @Test
  void notNextToAnotherCapitalisedWord() {
    assertThat(people(DEFAULTS.analyze(
        "Tamsin Pryce called. The Pryce Foundation replied.")))
        .containsExactly(tuple(0, 12));
  }

  @Test
  void carriesNamesAcrossTheTextsOfOneDocument() {
    NameMemory memory = new NameMemory();
    assertThat(people(DEFAULTS.analyze("Ryan Player won the final.", memory)))
        .containsExactly(tuple(0, 11));
    assertThat(people(DEFAULTS.analyze("Player said he was tired.", memory)))
        .containsExactly(tuple(0, 6));
    assertThat(people(DEFAULTS.analyze("Player said he was tired.", new NameMemory())))
        .isEmpty();
  }

  @Test
  void allowListsAndTheThresholdApplyToRecalledParts() {
    Analyzer allowing = new Analyzer(DEFAULTS.recognizers(), DEFAULTS.threshold(),
        new AllowList(Set.of("Tamsin"), List.of()));
    assertThat(people(allowing.analyze(
        "Tamsin Pryce called about the refund. We told Tamsin it was sent.")))
        .containsExactly(tuple(0, 12));
  }
}
