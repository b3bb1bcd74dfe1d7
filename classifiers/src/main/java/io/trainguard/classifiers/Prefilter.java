package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefilters of an analyzer's recognizers, evaluated together: the literals of every
 * {@link PatternRecognizer}'s trigger are looked for in one pass over the text; other
 * recognizers are asked through {@link Recognizer#mightMatch}.
 */
final class Prefilter implements Serializable {

  /** How many literals the one-pass search covers (bits of a long). */
  private static final int INDEXED = 64;

  private final List<Recognizer> recognizers;
  /** Per recognizer: the minimum digit count of its trigger, or -1 to ask the recognizer. */
  private final int[] minDigits;
  /** Per recognizer: indexes into {@link #literals} one of which it needs (empty: none). */
  private final int[][] literalsOf;
  /** Distinct trigger literals, lower case. */
  private final String[] literals;
  /** {@code single[c]}: indexed literals that are the one ASCII char c (lower case). */
  private final long[] single = new long[128];
  /** Indexed literals of two or more chars, by {@link #pairKey} of their first two. */
  private final long[] startingWith = new long[1 << 12];
  /** Literals the one-pass search does not cover (non-ASCII, empty, or past {@link #INDEXED}). */
  private final long unindexed;

  Prefilter(List<Recognizer> recognizers) {
    this.recognizers = recognizers;
    int n = recognizers.size();
    minDigits = new int[n];
    literalsOf = new int[n][];
    List<String> distinct = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (recognizers.get(r) instanceof PatternRecognizer pr) {
        PatternRecognizer.Trigger trigger = pr.trigger();
        minDigits[r] = trigger.minDigits();
        literalsOf[r] = trigger.literals().stream().mapToInt(l -> {
          if (!distinct.contains(l)) {
            distinct.add(l);
          }
          return distinct.indexOf(l);
        }).toArray();
      } else {
        minDigits[r] = -1;
      }
    }
    literals = distinct.toArray(String[]::new);
    long notIndexed = 0;
    for (int k = 0; k < literals.length; k++) {
      if (k >= INDEXED || literals[k].isEmpty() || !literals[k].chars().allMatch(c -> c < 128)) {
        notIndexed |= k < INDEXED ? 1L << k : 0;
      } else if (literals[k].length() == 1) {
        single[literals[k].charAt(0)] |= 1L << k;
      } else {
        startingWith[pairKey(literals[k].charAt(0), literals[k].charAt(1))] |= 1L << k;
      }
    }
    unindexed = notIndexed;
  }

  /** Whether each recognizer might match the text of {@code profile}; null if none might. */
  boolean[] admitted(TextProfile profile) {
    boolean[] admitted = new boolean[recognizers.size()];
    boolean any = false;
    int digits = profile.digits();
    boolean searched = false;
    long found = 0;
    long known = 0;
    for (int r = 0; r < admitted.length; r++) {
      boolean admit;
      if (minDigits[r] < 0) {
        admit = recognizers.get(r).mightMatch(profile);
      } else if (digits < minDigits[r]) {
        admit = false;
      } else if (literalsOf[r].length == 0) {
        admit = true;
      } else {
        if (!searched) {
          searched = true;
          known = ~unindexed;
          found = search(profile.isAscii() ? profile.text() : profile.lowerCase());
        }
        admit = false;
        for (int k : literalsOf[r]) {
          if (k >= INDEXED) {
            admit = profile.containsIgnoreCase(literals[k]);
          } else {
            if ((known >>> k & 1) == 0) {
              known |= 1L << k;
              found |= profile.containsIgnoreCase(literals[k]) ? 1L << k : 0;
            }
            admit = (found >>> k & 1) != 0;
          }
          if (admit) {
            break;
          }
        }
      }
      admitted[r] = admit;
      any |= admit;
    }
    return any ? admitted : null;
  }

  /**
   * The indexed literals that {@code text} contains, ignoring the case of its ASCII letters (a
   * text with others is searched lower-cased).
   */
  private long search(String text) {
    long found = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = AsciiChars.lowerAscii(text.charAt(i));
      long candidates = (c < 128 ? single[c] : 0)
          | (i + 1 < n ? startingWith[pairKey(c, AsciiChars.lowerAscii(text.charAt(i + 1)))] : 0);
      candidates &= ~found;
      while (candidates != 0) {
        int k = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (AsciiChars.startsWithIgnoreCase(text, i, literals[k])) {
          found |= 1L << k;
        }
      }
    }
    return found;
  }

  /** A hash of two ASCII chars; literals sharing one are all checked. */
  private static int pairKey(char first, char second) {
    return (first & 63) << 6 | (second & 63);
  }
}
