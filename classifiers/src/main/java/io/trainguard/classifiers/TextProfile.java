package io.trainguard.classifiers;

import java.util.Locale;

/** Cheap facts about one text, computed once and shared by every recognizer's prefilter. */
public final class TextProfile {

  private final String text;
  private int digits = -1;
  private String lower;

  public TextProfile(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** How many ASCII digits the text holds. */
  public int digits() {
    if (digits < 0) {
      int n = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          n++;
        }
      }
      digits = n;
    }
    return digits;
  }

  /** Whether the text contains {@code literal}, ignoring case (literal given in lower case). */
  public boolean containsIgnoreCase(String lowerCaseLiteral) {
    if (lower == null) {
      lower = text.toLowerCase(Locale.ROOT);
    }
    return lower.contains(lowerCaseLiteral);
  }
}
