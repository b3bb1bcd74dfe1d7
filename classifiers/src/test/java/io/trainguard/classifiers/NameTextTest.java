package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameTextTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(chars = {'/', '@', ':', '|', '\\', '+', ';', '#', '&', '=', '~', '*'})
  void aSeparatorGluedBetweenWordsReadsAsAComma(char separator) {
    assertThat(NameText.of("Sales" + separator + "Jane Doe")).isEqualTo("Sales,Jane Doe");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(chars = {'_', '$', '%', '\'', '<', '>', '?', '^', '`', '{', '}', '[', ']', '!',
      '"', ',', '.', '-', ')', '(', '\u00a6', '\u2044', '\uff0f', '\u012f', '\u016a', '\u00aa'})
  void anotherCharIsReadAsWritten(char other) {
    String text = "Sales" + other + "Jane Doe";
    assertThat(NameText.of(text)).isSameAs(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"Sales_Jane Doe|Sales,Jane Doe",
      "team.Jane Doe|team,Jane Doe", "cc-Jane Doe-HR|cc,Jane Doe,HR", "Jane Doe_hr|Jane Doe,hr", "Mary-Kate|Mary-Kate", "All-America|All-America", "HR-Jane|HR,Jane",
      "Tamsin Pryce-Sales|Tamsin Pryce,Sales", "Sales-Tamsin|Sales,Tamsin", "Pryce-Jones|Pryce-Jones",
      "mary-kate|mary-kate", "COVID-19|COVID-19", "e.g. Jane|e.g. Jane",
      "jane.doe@example.com|jane.doe@example.com", "Jane.Doe@Example.com|Jane.Doe@Example.com",
      "see www.Jane-Doe.com|see www.Jane-Doe.com", "http://a.b/Jane_Doe|http://a.b/Jane_Doe",
      "@Jane_Doe|@Jane_Doe", "#Team_Jane|#Team_Jane"})
  void theSecondReadingPartsWordsJoinedToACapitalisedOne(String text, String read) {
    assertThat(NameText.parted(text)).isEqualTo(read);
  }
}
