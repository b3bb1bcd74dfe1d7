package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecordLinesTest {

  /** The JSON number grammar (RFC 8259), ASCII digits only. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  @Test
  void aJsonNumberIsWhatTheGrammarAcceptsOnEveryShortString() {
    char[] alphabet = {'-', '+', '.', 'e', 'E', '0', '1', '9', 'x', '٣'};
    List<String> strings = new ArrayList<>(List.of(""));
    List<String> last = List.of("");
    for (int length = 1; length <= 6; length++) {
      List<String> next = new ArrayList<>();
      for (String s : last) {
        for (char c : alphabet) {
          next.add(s + c);
        }
      }
      strings.addAll(next);
      last = next;
    }
    long numbers = 0;
    for (String s : strings) {
      boolean expected = JSON_NUMBER.matcher(s).matches();
      assertThat(RecordLines.jsonNumber(s)).as(s).isEqualTo(expected);
      numbers += expected ? 1 : 0;
    }
    assertThat(strings).hasSize(1_111_111);
    assertThat(numbers).isGreaterThan(1000);
  }
}
