package io.trainguard.redaction;

/**
 * {@code mask[CHAR,COUNT]} and {@code mask[CHAR,COUNT,from_end]}: Presidio's mask operator
 * ({@code masking_char}, {@code chars_to_mask}, {@code from_end}). Replaces the first
 * {@code count} code points of the value (the last ones with {@code fromEnd}) by
 * {@code maskChar}, or all of them when the value is shorter; the rest is kept. Counts code
 * points as Presidio counts Python characters: a surrogate pair is one, a combining mark is one
 * of its own. {@code mask[*,4]} on {@code 4111-1111} gives {@code ****-1111}.
 */
public record Mask(int maskChar, int count, boolean fromEnd) implements Operator {

  public Mask {
    if (!isValidMaskChar(maskChar)) {
      throw new IllegalArgumentException(
          "Invalid mask character (allowed: one printable character other than , [ ])");
    }
    if (count < 1) {
      throw new IllegalArgumentException("Invalid mask count: " + count + " (allowed: 1 or more)");
    }
  }

  static boolean isValidMaskChar(int c) {
    return Character.isValidCodePoint(c) && !Character.isISOControl(c)
        && !Character.isWhitespace(c) && c != ',' && c != '[' && c != ']';
  }

  @Override
  public String name() {
    return "mask";
  }

  @Override
  public String spec() {
    return "mask[" + Character.toString(maskChar) + "," + count + (fromEnd ? ",from_end]" : "]");
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    int length = value.codePointCount(0, value.length());
    int masked = Math.min(count, length);
    String mask = Character.toString(maskChar).repeat(masked);
    return fromEnd ? value.substring(0, value.offsetByCodePoints(0, length - masked)) + mask
        : mask + value.substring(value.offsetByCodePoints(0, masked));
  }
}
