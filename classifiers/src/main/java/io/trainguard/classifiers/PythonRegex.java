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
      return Pattern.compile(translate(pythonRegex, (pythonFlags & VERBOSE) != 0), javaFlags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Cannot translate regex: " + e.getDescription()
          + " at index " + e.getIndex(), e);
    }
  }

  /**
   * Rewrites the syntax of Python's {@code regex} module (version 0, what Presidio compiles
   * with) to Java: named groups and back-references, {@code \\Z}, {@code {,n}}, a literal
   * {@code {}, {@code (?#...)} comments, script properties, POSIX classes and the set
   * characters Java reads as operators ({@code [}, {@code &&}). Rejects by name what has no
   * Java equivalent or would change meaning.
   */
  static String translate(String regex) {
    return translate(regex, false);
  }

  static String translate(String regex, boolean verbose) {
    Map<String, String> names = new HashMap<>();
    StringBuilder out = new StringBuilder(regex.length());
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        i = escape(regex, i, inClass, out);
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
          out.append(c);
        } else if (regex.startsWith("[:", i)) {
          i = posixClass(regex, i, out);
        } else if (c == '[' || c == '&' || (verbose && (c == '#' || Character.isWhitespace(c)))) {
          out.append(String.format("\\x{%x}", (int) c)); // literal in a Python set
        } else {
          out.append(c);
        }
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
      if (c == '{') {
        i = brace(regex, i, out);
        continue;
      }
      if (regex.startsWith("(?#", i)) {
        int close = regex.indexOf(')', i);
        if (close < 0) {
          throw new IllegalArgumentException("Cannot translate regex: unterminated comment");
        }
        i = close;
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
      if (c == '(') {
        rejectUnsupportedGroup(regex, i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void rejectUnsupportedGroup(String regex, int i) {
    if (regex.startsWith("(?V1)", i) || regex.startsWith("(?V0)", i)) {
      throw new IllegalArgumentException(
          "Cannot translate regex: regex module version 1 syntax (?V1) is not supported");
    }
    if (regex.startsWith("(?&", i) || regex.startsWith("(?R)", i)
        || regex.startsWith("(?P>", i) || (regex.startsWith("(?", i) && i + 2 < regex.length()
            && (Character.isDigit(regex.charAt(i + 2)) || regex.charAt(i + 2) == '+'))) {
      throw new IllegalArgumentException(
          "Cannot translate regex: recursion and subroutine calls are not supported");
    }
    if (regex.startsWith("(?|", i)) {
      throw new IllegalArgumentException(
          "Cannot translate regex: branch reset groups are not supported");
    }
    if (regex.startsWith("(*", i)) {
      throw new IllegalArgumentException(
          "Cannot translate regex: backtracking control verbs are not supported");
    }
  }

  /** Java escapes that Python rejects or reads differently. */
  private static final String NOT_PYTHON = "hHReEcQgjJiIkKlLmMoqTyY";

  private static int escape(String regex, int i, boolean inClass, StringBuilder out) {
    char next = regex.charAt(i + 1);
    if ((next == 'p' || next == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
      int close = regex.indexOf('}', i + 3);
      if (close < 0) {
        throw new IllegalArgumentException("Cannot translate regex: unterminated property");
      }
      out.append('\\').append(next).append('{')
          .append(property(regex.substring(i + 3, close), next)).append('}');
      return close;
    }
    if (next == 'Z' && !inClass) {
      out.append("\\z"); // Python's \Z is Java's \z (absolute end)
    } else if (next == 'b' && inClass) {
      out.append("\\x{8}"); // backspace inside a Python set
    } else if (next == 'v') {
      out.append("\\x{b}"); // Python's \v is the vertical tab alone
    } else if (next == 'U' && i + 10 <= regex.length()) {
      out.append("\\x{").append(regex, i + 2, i + 10).append('}');
      return i + 9;
    } else if (NOT_PYTHON.indexOf(next) >= 0) {
      throw new IllegalArgumentException(
          "Cannot translate regex: escape \\" + next + " is not Python syntax");
    } else {
      out.append('\\').append(next);
    }
    return i + 1;
  }

  /** The Java name of a Unicode property: a general category, a script or a binary property. */
  private static String property(String name, char p) {
    String bare = name.replaceFirst("(?i)^(script|sc)[=:]", "");
    for (String candidate : new String[] {bare, "Is" + bare}) {
      try {
        Pattern.compile("\\p{" + candidate + "}");
        return candidate;
      } catch (PatternSyntaxException e) {
        // try the next spelling
      }
    }
    throw new IllegalArgumentException(
        "Cannot translate regex: unknown property \\" + p + "{" + name + "}");
  }

  /** POSIX classes as the regex module reads them (digit and xdigit are ASCII). */
  private static final Map<String, String> POSIX = Map.of(
      "alpha", "\\p{IsAlphabetic}",
      "digit", "0-9",
      "alnum", "\\p{IsAlphabetic}0-9",
      "upper", "\\p{IsUppercase}",
      "lower", "\\p{IsLowercase}",
      "space", "\\p{IsWhite_Space}",
      "xdigit", "0-9A-Fa-f");

  private static int posixClass(String regex, int i, StringBuilder out) {
    int close = regex.indexOf(":]", i + 2);
    if (close < 0) {
      out.append("\\x{5b}"); // '[' then ':' as literals
      return i;
    }
    String name = regex.substring(i + 2, close);
    boolean negated = name.startsWith("^");
    String java = POSIX.get(negated ? name.substring(1) : name);
    if (java == null) {
      throw new IllegalArgumentException(
          "Cannot translate regex: POSIX class [:" + name + ":] is not supported");
    }
    out.append(negated ? "[^" : "[").append(java).append(']');
    return close + 1;
  }

  /** A quantifier {@code {m}}, {@code {m,}}, {@code {m,n}} or {@code {,n}}; else a literal. */
  private static int brace(String regex, int i, StringBuilder out) {
    int close = regex.indexOf('}', i);
    String body = close < 0 ? "" : regex.substring(i + 1, close);
    if (body.matches("[0-9]+(,[0-9]*)?|,[0-9]*")) {
      out.append('{').append(body.startsWith(",") ? "0" : "").append(body).append('}');
      return close;
    }
    out.append("\\{");
    return i;
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
