package io.trainguard.classifiers;

/**
 * A text's words written in capitals read as capitalised words ("NAME: TAMSIN PRYCE" as "Name:
 * Tamsin Pryce"), char for char, so that a name in a form, a label or a heading written in
 * capitals is read as one written normally: the name model takes capitals for acronyms.
 */
final class CapitalsReading {


  /**
   * The probability a name of the reading must pass: the rules' lone words (0.6) read too many
   * labels written in capitals ("AWS KEY") as names; the model's own readings pass it, and a
   * name after a role or a person's field label needs not ("CUSTOMER: SUMMER RAIN").
   */
  static final double MIN_PROBABILITY = 0.6;

  private CapitalsReading() {
  }

  /**
   * {@code text} with each word of two or more letters, all capitals and no digit beside them
   * ("AB123456C" is a code), capitalised only; the same
   * instance when no two such words follow each other (one alone, or between words in lower case,
   * is an acronym: "SSN and DOB").
   */
  static String of(String text) {
    char[] chars = null;
    boolean run = false;
    boolean last = false;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean capitals = true;
      while (i < n && (Character.isLetter(text.charAt(i))
          || Character.getType(text.charAt(i)) == Character.NON_SPACING_MARK)) {
        capitals &= !Character.isLowerCase(text.charAt(i));
        i++;
      }
      boolean word = (start == 0 || !Character.isDigit(text.charAt(start - 1)))
          && (i == n || !Character.isDigit(text.charAt(i)));
      if (capitals && word && i - start >= 2 && Character.isUpperCase(text.charAt(start))
          && Character.isUpperCase(text.charAt(start + 1))) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        for (int k = start + 1; k < i; k++) {
          chars[k] = Character.toLowerCase(chars[k]);
        }
        run |= last;
        last = true;
      } else if (i - start >= 2) {
        last = false;
      }
    }
    return run ? new String(chars) : text;
  }

  /**
   * Whether each word of two or more letters in {@code [start, end)} of {@code cased} (a reading
   * {@link #of} {@code text}) was written in capitals: a name found in the reading that the text
   * wrote otherwise in part was read there already.
   */
  static boolean isRecased(String text, String cased, int start, int end) {
    int i = start;
    while (i < end) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int word = i;
      boolean changed = false;
      while (i < end && Character.isLetter(text.charAt(i))) {
        changed |= text.charAt(i) != cased.charAt(i);
        i++;
      }
      if (i - word >= 2 && !changed) {
        return false;
      }
    }
    return true;
  }
}
