package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;

/**
 * Invisible format characters (Unicode category Cf: zero-width space and joiners, soft hyphen,
 * word joiner, byte-order mark, bidirectional marks) that a value may hold without looking any
 * different. Recognizers read the text without them; a finding's span is then moved back onto
 * the original, where it covers the ones inside the value, so they hide nothing.
 */
final class InvisibleChars {

  /** The text without its format characters, and where each of its code points came from. */
  record Stripped(String text, int[] originalCodePoint) {

    /** {@code found}, whose offsets are into {@link #text}, with offsets into the original. */
    List<Finding> toOriginal(List<Finding> found) {
      List<Finding> moved = new ArrayList<>(found.size());
      for (Finding f : found) {
        moved.add(f.moved(start -> originalCodePoint[start],
            end -> originalCodePoint[end - 1] + 1));
      }
      return moved;
    }
  }

  private InvisibleChars() {}

  /** {@code text} without its format characters, or null when it has none. */
  static Stripped strip(String text) {
    if ((TextForms.of(text) & TextForms.INVISIBLE) == 0) {
      return null;
    }
    StringBuilder kept = new StringBuilder(text.length());
    int[] origin = new int[text.codePointCount(0, text.length())];
    int keptCount = 0;
    int codePoint = 0;
    for (int i = 0; i < text.length(); codePoint++) {
      int cp = text.codePointAt(i);
      if (Character.getType(cp) != Character.FORMAT) {
        kept.appendCodePoint(cp);
        origin[keptCount++] = codePoint;
      }
      i += Character.charCount(cp);
    }
    return new Stripped(kept.toString(), java.util.Arrays.copyOf(origin, keptCount));
  }
}
