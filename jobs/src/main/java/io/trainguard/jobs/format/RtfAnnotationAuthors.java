package io.trainguard.jobs.format;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Passes its stream through and collects the RTF annotation authors and initials it carries
 * ({@code {\*\atnauthor NAME}}, {@code {\*\atnid INITIALS}}), which Tika writes into the text as
 * words like any other: only the raw RTF tells them apart. Initials of one Latin letter are
 * left.
 */
final class RtfAnnotationAuthors extends FilterInputStream {
  private static final byte[][] WORDS = {"\\atnauthor".getBytes(StandardCharsets.US_ASCII),
      "\\atnid".getBytes(StandardCharsets.US_ASCII)};
  /** Bytes of a group's text at most: past them, what is read is no name. */
  private static final int MAX_BYTES = 400;
  private static final Charset ANSI = Charset.forName("windows-1252");

  private final Set<String> authors;
  private final int[] matched = new int[WORDS.length];
  private final ByteArrayOutputStream group = new ByteArrayOutputStream();
  private boolean inGroup;

  RtfAnnotationAuthors(InputStream in, Set<String> authors) {
    super(in);
    this.authors = authors;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      scan(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    for (int i = 0; i < n; i++) {
      scan(b[off + i] & 0xff);
    }
    return n;
  }

  private void scan(int b) {
    if (inGroup) {
      if (b == '}' || b == '{' || group.size() >= MAX_BYTES) {
        add(decode(group.toByteArray()));
        inGroup = false;
      } else if (b != '\r' && b != '\n') {
        group.write(b);
      }
      return;
    }
    for (int w = 0; w < WORDS.length; w++) {
      byte[] word = WORDS[w];
      if (matched[w] == word.length) {
        matched[w] = 0;
        if (b == ' ') {
          group.reset();
          inGroup = true;
          return;
        }
      }
      matched[w] = b == word[matched[w]] ? matched[w] + 1 : b == word[0] ? 1 : 0;
    }
  }

  private void add(String name) {
    String stripped = name.strip();
    if (TextRedactor.isSearchableName(stripped)) {
      authors.add(stripped);
    }
  }

  /**
   * The text of an RTF group: {@code \'hh} in the ANSI code page, a Unicode char ({@code u}
   * control word) and its fallback.
   */
  static String decode(byte[] raw) {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream ansi = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length) {
      int b = raw[i] & 0xff;
      if (b == '\\' && i + 3 < raw.length && raw[i + 1] == '\''
          && Character.digit(raw[i + 2], 16) >= 0 && Character.digit(raw[i + 3], 16) >= 0) {
        ansi.write(Character.digit(raw[i + 2], 16) * 16 + Character.digit(raw[i + 3], 16));
        i += 4;
        continue;
      }
      text.append(new String(ansi.toByteArray(), ANSI));
      ansi.reset();
      if (b == '\\' && i + 1 < raw.length && raw[i + 1] == 'u') {
        int end = i + 2;
        while (end < raw.length && (raw[end] == '-' || Character.isDigit(raw[end]))) {
          end++;
        }
        if (end > i + 2) {
          int code = Integer.parseInt(new String(raw, i + 2, end - i - 2, ANSI));
          text.append((char) (code < 0 ? code + 65536 : code));
          i = end + (end < raw.length && raw[end] == ' ' ? 1 : 0);
          if (i < raw.length && raw[i] == '\\' && i + 1 < raw.length && raw[i + 1] == '\'') {
            i += 4; // the fallback of a reader without Unicode
          } else if (i < raw.length) {
            i++;
          }
          continue;
        }
      }
      text.append((char) b);
      i++;
    }
    text.append(new String(ansi.toByteArray(), ANSI));
    return text.toString();
  }
}
