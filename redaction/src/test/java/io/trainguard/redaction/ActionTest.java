package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionTest {

  private static final String ALL = "replace, redact, mask, keep, hash, tokenize, fpe, date_shift,"
      + " generalize, drop_column, drop_record, quarantine_record";

  @ParameterizedTest
  @ValueSource(strings = {"replace", "replace[***]", "replace[a, b]]", "redact", "mask[*,12]",
      "mask[#,4,from_end]", "keep", "hash", "tokenize", "fpe", "fpe[luhn]", "date_shift[-30,30]",
      "date_shift[0,1]", "generalize[zip]", "generalize[year]", "generalize[month]",
      "generalize[ipv4]", "generalize[age]", "drop_column", "drop_record", "quarantine_record"})
  void canonicalSpecsParseBackToThemselves(String spec) throws Exception {
    Action action = Action.parse(spec);
    assertThat(action.spec()).isEqualTo(spec);
    assertThat(Action.parse(action.spec())).isEqualTo(action);
    assertThat(roundTrip(action)).isEqualTo(action);
  }

  @Test
  void parsedValues() {
    assertThat(Action.parse("mask[*, 4 , from_end]")).isEqualTo(new Mask('*', 4, true));
    assertThat(Action.parse("replace[ x ]")).isEqualTo(new Replace(" x "));
    assertThat(Action.parse("date_shift[ -365, 365 ]")).isEqualTo(new DateShift(-365, 365));
    assertThat(Action.parse("generalize[zip]"))
        .isEqualTo(new Generalize(Generalize.Kind.ZIP));
    assertThat(Action.parse("quarantine_record")).isSameAs(RecordAction.QUARANTINE_RECORD);
    assertThat(Operator.parse("replace")).isSameAs(Replace.ENTITY_NAME);
    assertThat(Operator.parse("replace").name()).isEqualTo("replace");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "maskk[*]|\"maskk[*]\" (allowed: " + ALL + ")",
      "''|\"\" (allowed: " + ALL + ")",
      "Replace|\"Replace\" (allowed: " + ALL + ")",
      "' mask[*,4]'|\" mask[*,4]\" (allowed: " + ALL + ")",
      "replace[]|\"replace[]\" (allowed: replace, replace[TEXT])",
      "replace[x|\"replace[x\" (allowed: replace, replace[TEXT])",
      "redact[x]|\"redact[x]\" (allowed: redact)",
      "keep[]|\"keep[]\" (allowed: keep)",
      "mask|\"mask\" (allowed: mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "mask[*]|\"mask[*]\" (allowed: mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "mask[*,4,end]|\"mask[*,4,end]\" (allowed: mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "mask[*,0]|\"mask[*,0]\" (COUNT must be a whole number of 1 or more; allowed: "
          + "mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "mask[*,four]|\"mask[*,four]\" (COUNT must be a whole number of 1 or more; "
          + "allowed: mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "mask[**,4]|\"mask[**,4]\" (CHAR must be one printable character other than , [ "
          + "]; allowed: mask[CHAR,COUNT], mask[CHAR,COUNT,from_end])",
      "fpe[luhn,x]|\"fpe[luhn,x]\" (allowed: fpe, fpe[luhn])",
      "date_shift|\"date_shift\" (allowed: date_shift[MIN_DAYS,MAX_DAYS])",
      "date_shift[30,-30]|\"date_shift[30,-30]\" (MIN_DAYS and MAX_DAYS must be whole "
          + "numbers from -36500 to 36500, MIN_DAYS < MAX_DAYS; allowed: "
          + "date_shift[MIN_DAYS,MAX_DAYS])",
      "date_shift[0,0]|\"date_shift[0,0]\" (MIN_DAYS and MAX_DAYS must be whole "
          + "numbers from -36500 to 36500, MIN_DAYS < MAX_DAYS; allowed: "
          + "date_shift[MIN_DAYS,MAX_DAYS])",
      "date_shift[5,5]|\"date_shift[5,5]\" (MIN_DAYS and MAX_DAYS must be whole "
          + "numbers from -36500 to 36500, MIN_DAYS < MAX_DAYS; allowed: "
          + "date_shift[MIN_DAYS,MAX_DAYS])",
      "date_shift[0,99999]|\"date_shift[0,99999]\" (MIN_DAYS and MAX_DAYS must be "
          + "whole numbers from -36500 to 36500, MIN_DAYS < MAX_DAYS; allowed: "
          + "date_shift[MIN_DAYS,MAX_DAYS])",
      "generalize|\"generalize\" (allowed: generalize[zip], generalize[year], "
          + "generalize[month], generalize[ipv4], generalize[age])",
      "generalize[day]|\"generalize[day]\" (allowed: generalize[zip], "
          + "generalize[year], generalize[month], generalize[ipv4], generalize[age])",
      "drop_record[now]|\"drop_record[now]\" (allowed: drop_record)",
  })
  void invalidSpecsNameTheSpecAndTheAllowedForms(String spec, String message) {
    assertThatThrownBy(() -> Action.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid operator: " + message);
  }

  @Test
  void specsAreQuotedSafely() {
    assertThatThrownBy(() -> Action.parse("a\"b\n"))
        .hasMessage("Invalid operator: \"a\\\"b\\u000a\" (allowed: " + ALL + ")");
    assertThatThrownBy(() -> Action.parse(null))
        .hasMessage("Invalid operator: null (allowed: " + ALL + ")");
  }

  @Test
  void recordActionsAreNotOperators() {
    assertThat(Action.parse("drop_record")).isNotInstanceOf(Operator.class);
    assertThatThrownBy(() -> Operator.parse("drop_record"))
        .hasMessage("Invalid operator: \"drop_record\" is a record action, not a string transform"
            + " (allowed: replace, redact, mask, keep, hash, tokenize, fpe, date_shift,"
            + " generalize)");
  }

  @Test
  void recordActionsAreOrderedByPrecedence() {
    assertThat(RecordAction.values()).containsExactly(RecordAction.DROP_COLUMN,
        RecordAction.QUARANTINE_RECORD, RecordAction.DROP_RECORD);
  }

  static Object roundTrip(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
