package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prefilters of an analyzer's recognizers, evaluated together: what a text's digit count
 * admits is looked up, the literals of every {@link PatternRecognizer}'s trigger are looked for
 * in one pass over the text and admit the recognizers that need them; other recognizers are
 * asked through {@link Recognizer#mightMatch}.
 */
final class Prefilter implements Serializable {

  /** How many literals the one-pass search covers (bits of a long). */
  private static final int INDEXED = 64;

  /**
   * A trigger literal (lower case), the recognizers having it among their literals, and the
   * fewest digits one of them needs.
   */
  private record Literal(String text, int[] neededBy, int minDigits) implements Serializable {}

  private final int recognizerCount;
  /** Recognizers without a trigger, asked through {@link Recognizer#mightMatch}. */
  private final Recognizer[] asked;
  private final int[] askedIndexes;
  /** Per recognizer: the minimum digit count of its trigger (unused for the asked ones). */
  private final int[] minDigits;
  /**
   * {@code onDigits[d]}: the recognizers that {@code d} digits admit without a literal (null if
   * none); the last entry serves every higher count.
   */
  private final boolean[][] onDigits;
  /** {@code worthSearching[d]}: indexed literals needed by a recognizer that d digits allow. */
  private final long[] worthSearching;
  /** Literals of ASCII chars only, searched for in one pass (bit k of a mask is indexed[k]). */
  private final Literal[] indexed;
  /** Literals the one-pass search does not cover (non-ASCII, empty, or past {@link #INDEXED}). */
  private final Literal[] unindexed;
  /**
   * {@code firstIs[c]}, {@code secondIs[c]}, {@code thirdIs[c]}: indexed literals of two or more
   * chars whose first (second, third) char is the ASCII char c (lower case), or that have no
   * third char (thirdIs); all three hold for exactly those starting so.
   */
  private final long[] firstIs = new long[128];
  private final long[] secondIs = new long[128];
  private final long[] thirdIs = new long[129];
  /** {@code containing[c]}: indexed literals that hold the ASCII char c (lower case). */
  private final long[] containing = new long[128];
  /** The chars of the indexed literals, as {@link TextProfile#presentLow} and {@link TextProfile#presentHigh} give them. */
  private final long literalCharsLow;
  private final long literalCharsHigh;
  /** Indexed literals of one char: a text holds one when its profile holds the char. */
  private final long singles;
  /**
   * {@code sameNeeds[k]}: the indexed literals needed by the same recognizers as literal k, whose
   * search ends once one of them is found.
   */
  private final long[] sameNeeds;

  Prefilter(List<Recognizer> recognizers) {
    recognizerCount = recognizers.size();
    minDigits = new int[recognizerCount];
    List<Integer> askedList = new ArrayList<>();
    Map<String, List<Integer>> neededBy = new LinkedHashMap<>();
    int maxMinDigits = 0;
    for (int r = 0; r < recognizerCount; r++) {
      Optional<PatternRecognizer.Trigger> declared = recognizers.get(r).trigger();
      if (declared.isPresent()) {
        PatternRecognizer.Trigger trigger = declared.get();
        minDigits[r] = trigger.minDigits();
        maxMinDigits = Math.max(maxMinDigits, trigger.minDigits());
        for (String literal : trigger.literals()) {
          neededBy.computeIfAbsent(literal, l -> new ArrayList<>()).add(r);
        }
      } else {
        askedList.add(r);
      }
    }
    askedIndexes = askedList.stream().mapToInt(Integer::intValue).toArray();
    asked = askedList.stream().map(recognizers::get).toArray(Recognizer[]::new);

    List<Literal> indexedList = new ArrayList<>();
    List<Literal> unindexedList = new ArrayList<>();
    long lowChars = 0;
    long highChars = 0;
    long one = 0;
    for (Map.Entry<String, List<Integer>> e : neededBy.entrySet()) {
      String text = e.getKey();
      int[] needing = e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray();
      int fewestDigits = maxMinDigits;
      for (int r : needing) {
        fewestDigits = Math.min(fewestDigits, minDigits[r]);
      }
      Literal literal = new Literal(text, needing, fewestDigits);
      boolean searchable = !text.isEmpty() && text.chars().allMatch(c -> c < 128);
      if (searchable && indexedList.size() < INDEXED) {
        int k = indexedList.size();
        indexedList.add(literal);
        char first = text.charAt(0);
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          lowChars |= c < 64 ? 1L << c : 0;
          highChars |= c < 64 ? 0 : 1L << (c - 64);
          containing[c] |= 1L << k;
        }
        if (text.length() == 1) {
          one |= 1L << k;
        } else {
          firstIs[first] |= 1L << k;
          secondIs[text.charAt(1)] |= 1L << k;
          for (int c = 0; c < thirdIs.length; c++) {
            thirdIs[c] |= text.length() == 2 || text.charAt(2) == c ? 1L << k : 0;
          }
        }
      } else {
        unindexedList.add(literal);
      }
    }
    literalCharsLow = lowChars;
    literalCharsHigh = highChars;
    singles = one;
    indexed = indexedList.toArray(Literal[]::new);
    sameNeeds = new long[indexed.length];
    for (int k = 0; k < indexed.length; k++) {
      for (int j = 0; j < indexed.length; j++) {
        if (java.util.Arrays.equals(indexed[k].neededBy(), indexed[j].neededBy())) {
          sameNeeds[k] |= 1L << j;
        }
      }
    }
    unindexed = unindexedList.toArray(Literal[]::new);

    onDigits = new boolean[maxMinDigits + 1][];
    worthSearching = new long[maxMinDigits + 1];
    for (int d = 0; d <= maxMinDigits; d++) {
      for (int r = 0; r < recognizerCount; r++) {
        Optional<PatternRecognizer.Trigger> declared = recognizers.get(r).trigger();
        if (declared.isPresent() && declared.get().literals().isEmpty() && minDigits[r] <= d) {
          if (onDigits[d] == null) {
            onDigits[d] = new boolean[recognizerCount];
          }
          onDigits[d][r] = true;
        }
      }
      for (int k = 0; k < indexed.length; k++) {
        worthSearching[d] |= indexed[k].minDigits() <= d ? 1L << k : 0;
      }
    }
  }

  /** Whether each recognizer might match the text of {@code profile}; null if none might. */
  boolean[] admitted(TextProfile profile) {
    int digits = profile.digits();
    int step = Math.min(digits, onDigits.length - 1);
    boolean[] admitted = onDigits[step] == null ? null : onDigits[step].clone();
    for (int a = 0; a < asked.length; a++) {
      if (asked[a].mightMatch(profile)) {
        admitted = admit(admitted, askedIndexes[a]);
      }
    }
    long possible = worthSearching[step];
    if (possible != 0) {
      // A literal with a char the text lacks cannot be in it; one of one char is in it.
      for (long absent = literalCharsLow & ~profile.presentLow(); absent != 0;
          absent &= absent - 1) {
        possible &= ~containing[Long.numberOfTrailingZeros(absent)];
      }
      for (long absent = literalCharsHigh & ~profile.presentHigh(); absent != 0;
          absent &= absent - 1) {
        possible &= ~containing[64 + Long.numberOfTrailingZeros(absent)];
      }
      long found = possible & singles;
      for (long f = found; f != 0; f &= f - 1) {
        possible &= ~sameNeeds[Long.numberOfTrailingZeros(f)];
      }
      found |= possible == 0 ? 0 : search(profile.asciiSearchable(), possible);
      while (found != 0) {
        admitted = admitNeeding(admitted, indexed[Long.numberOfTrailingZeros(found)], digits);
        found &= found - 1;
      }
    }
    for (Literal literal : unindexed) {
      if (literal.minDigits() <= digits && profile.containsIgnoreCase(literal.text())) {
        admitted = admitNeeding(admitted, literal, digits);
      }
    }
    return admitted;
  }

  private boolean[] admitNeeding(boolean[] admitted, Literal found, int digits) {
    for (int r : found.neededBy()) {
      if (minDigits[r] <= digits) {
        admitted = admit(admitted, r);
      }
    }
    return admitted;
  }

  private boolean[] admit(boolean[] admitted, int r) {
    boolean[] result = admitted == null ? new boolean[recognizerCount] : admitted;
    result[r] = true;
    return result;
  }

  /**
   * Which of the indexed literals of two or more chars in {@code wanted} {@code text} contains,
   * ignoring the case of its ASCII letters; once one is found, the others needed by the same
   * recognizers are not looked for.
   */
  private long search(String text, long wanted) {
    long found = 0;
    int n = text.length();
    // c, next and afterNext: the lower-cased chars at i, i + 1 and i + 2; 128 for any other.
    char next = n == 0 ? 128 : asciiLower(text.charAt(0));
    char afterNext = n < 2 ? 128 : asciiLower(text.charAt(1));
    for (int i = 0; i < n && wanted != 0; i++) {
      char c = next;
      next = afterNext;
      afterNext = i + 2 < n ? asciiLower(text.charAt(i + 2)) : 128;
      if (c == 128 || next == 128) {
        continue;
      }
      long candidates = firstIs[c] & secondIs[next] & thirdIs[afterNext] & wanted;
      while (candidates != 0) {
        int k = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (AsciiChars.startsWithIgnoreCase(text, i, indexed[k].text())) {
          found |= 1L << k;
          wanted &= ~sameNeeds[k];
          candidates &= wanted;
        }
      }
    }
    return found;
  }

  /** {@code c} lower-cased if it is ASCII, else 128. */
  private static char asciiLower(char c) {
    return c < 128 ? AsciiChars.lowerAscii(c) : 128;
  }

}
