package io.trainguard.classifiers;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates the Python {@code re} syntax used in Presidio packs to {@link java.util.regex}.
 * Handles named groups {@code (?P<n>...)}, back-references {@code (?P=n)} and Python's flag
 * values; group names Java rejects (underscores) are renamed consistently.
 */
public final class PythonRegex {

  /** Python's {@code re} flag values. */
  public static final int IGNORECASE = 2;
  public static final int LOCALE = 4;
  public static final int MULTILINE = 8;
  public static final int DOTALL = 16;
  public static final int UNICODE = 32;
  public static final int VERBOSE = 64;
  public static final int ASCII = 256;

  /** Presidio's default: {@code re.DOTALL | re.MULTILINE | re.IGNORECASE}. */
  public static final int PRESIDIO_DEFAULT_FLAGS = DOTALL | MULTILINE | IGNORECASE;

  private PythonRegex() {}

  /** Compiles a Python regex with Python flag bits; throws with a reason when impossible. */
  public static Pattern compile(String pythonRegex, int pythonFlags) {
    if ((pythonFlags & LOCALE) != 0) {
      throw new IllegalArgumentException("Cannot translate regex: re.LOCALE has no Java equivalent");
    }
    int javaFlags = 0;
    if ((pythonFlags & IGNORECASE) != 0) {
      javaFlags |= Pattern.CASE_INSENSITIVE;
      if ((pythonFlags & ASCII) == 0) {
        javaFlags |= Pattern.UNICODE_CASE;
      }
    }
    if ((pythonFlags & MULTILINE) != 0) {
      javaFlags |= Pattern.MULTILINE;
    }
    if ((pythonFlags & DOTALL) != 0) {
      javaFlags |= Pattern.DOTALL;
    }
    if ((pythonFlags & VERBOSE) != 0) {
      javaFlags |= Pattern.COMMENTS;
    }
    if ((pythonFlags & ASCII) == 0) {
      // Python 3 str patterns are Unicode-aware: \w, \d and \b see all scripts.
      javaFlags |= Pattern.UNICODE_CHARACTER_CLASS;
    }
    try {
      return Pattern.compile(translate(pythonRegex), javaFlags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Cannot translate regex: " + e.getDescription()
          + " at index " + e.getIndex(), e);
    }
  }

  /** Rewrites Python-only constructs; everything else is shared syntax. */
  static String translate(String regex) {
    Map<String, String> names = new HashMap<>();
    StringBuilder out = new StringBuilder(regex.length());
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(i + 1);
        if (next == 'Z' && !inClass) {
          out.append("\\z"); // Python's \Z is Java's \z (absolute end)
        } else {
          out.append(c).append(next);
        }
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        // A ']' right after '[' or '[^' is a literal in both dialects.
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (regex.startsWith("(?P<", i)) {
        int close = regex.indexOf('>', i + 4);
        if (close < 0) {
          throw new IllegalArgumentException("Cannot translate regex: unterminated group name");
        }
        String name = regex.substring(i + 4, close);
        out.append("(?<").append(javaName(name, names)).append('>');
        i = close;
        continue;
      }
      if (regex.startsWith("(?P=", i)) {
        int close = regex.indexOf(')', i + 4);
        if (close < 0) {
          throw new IllegalArgumentException("Cannot translate regex: unterminated back-reference");
        }
        String name = regex.substring(i + 4, close);
        String javaName = names.get(name);
        if (javaName == null) {
          throw new IllegalArgumentException("Cannot translate regex: unknown group " + name);
        }
        out.append("\\k<").append(javaName).append('>');
        i = close;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String javaName(String pythonName, Map<String, String> names) {
    StringBuilder b = new StringBuilder();
    for (char c : pythonName.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    if (b.isEmpty() || Character.isDigit(b.charAt(0))) {
      b.insert(0, 'g');
    }
    String candidate = b.toString();
    int n = 2;
    while (names.containsValue(candidate)) {
      candidate = b.toString() + n++;
    }
    names.put(pythonName, candidate);
    return candidate;
  }
}
