package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
}
