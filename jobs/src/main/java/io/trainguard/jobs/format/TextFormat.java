package io.trainguard.jobs.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plain text ({@link TextRedactor}): every line a record of free text, split at line starts
 * unless a private key block (one record over many lines) opens.
 */
final class TextFormat implements FormatCodec {

  @Override
  public String id() {
    return "text";
  }

  @Override
  public List<String> extensions() {
    return List.of("txt", "text", "log", "md");
  }

  @Override
  public Opening opening() {
    return Opening.LINES;
  }

  @Override
  public Splitting splitting() {
    return Splitting.LINES;
  }

  @Override
  public boolean hasFields() {
    return false;
  }

  @Override
  public LineRule lineRule(String file, boolean firstRange) {
    return new KeyBlockRule();
  }

  /** Every line is a record; a line holding {@code -----BEGIN } reads the file whole. */
  private static final class KeyBlockRule implements LineRule {
    private static final byte[] KEY_BLOCK = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    /** Per matched length, the longest proper prefix of {@link #KEY_BLOCK} that is its suffix. */
    private static final int[] FALLBACK = fallback(KEY_BLOCK);

    private int matched;
    private boolean whole;

    /** Knuth-Morris-Pratt's failure function of {@code pattern}. */
    private static int[] fallback(byte[] pattern) {
      int[] f = new int[pattern.length + 1];
      for (int i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] != pattern[k]) {
          k = f[k];
        }
        k += pattern[i] == pattern[k] ? 1 : 0;
        f[i + 1] = k;
      }
      return f;
    }

    @Override
    public void startLine() {
      matched = 0;
    }

    @Override
    public void feed(byte[] bytes, int from, int to) {
      for (int k = from; k < to && matched < KEY_BLOCK.length; k++) {
        byte c = bytes[k];
        if (matched == 0 && c != KEY_BLOCK[0]) {
          continue;
        }
        while (matched > 0 && c != KEY_BLOCK[matched]) {
          matched = FALLBACK[matched];
        }
        if (c == KEY_BLOCK[matched]) {
          matched++;
        }
      }
    }

    @Override
    public boolean endLine(long lineStart, boolean empty) {
      whole |= matched == KEY_BLOCK.length;
      return true;
    }

    @Override
    public boolean whole() {
      return whole;
    }
  }
}
