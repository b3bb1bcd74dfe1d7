package io.trainguard.classifiers;

import java.util.Locale;

/** Cheap facts about one text, computed once and shared by every recognizer's prefilter. */
public final class TextProfile {

  private final String text;
  private int digits = -1;
  /** Bit c (0-127): the lower-cased text holds ASCII char c; bit 128: it holds a non-ASCII one. */
  private long presentLow;
  private long presentHigh;
  private boolean nonAscii;
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
      profile();
    }
    return digits;
  }

  /** Whether the text contains {@code literal}, ignoring case (literal given in lower case). */
  public boolean containsIgnoreCase(String lowerCaseLiteral) {
    if (digits < 0) {
      profile();
    }
    if (!nonAscii) {
      // toLowerCase(Locale.ROOT) maps only A-Z in ASCII text: every char of the literal must
      // occur, which most literals fail without a search.
      for (int i = 0; i < lowerCaseLiteral.length(); i++) {
        char c = lowerCaseLiteral.charAt(i);
        if (c >= 128 || ((c < 64 ? presentLow >>> c : presentHigh >>> (c - 64)) & 1) == 0) {
          return false;
        }
      }
    }
    if (lower == null) {
      lower = text.toLowerCase(Locale.ROOT);
    }
    return lower.contains(lowerCaseLiteral);
  }

  private void profile() {
    int n = 0;
    long low = 0;
    long high = 0;
    boolean other = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
      if (c >= 128) {
        other = true;
      } else {
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c < 64) {
          low |= 1L << c;
        } else {
          high |= 1L << (c - 64);
        }
      }
    }
    presentLow = low;
    presentHigh = high;
    nonAscii = other;
    digits = n;
  }
}
