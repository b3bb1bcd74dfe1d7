package io.trainguard.classifiers;

import java.util.List;
import java.util.regex.Pattern;

/** A recognizer pack cannot be loaded; the message names the pack, recognizer and pattern. */
public final class PackException extends IllegalArgumentException {
  public PackException(String message) {
    super(message);
  }

  /** Letters and underscores only: no recognizer needs to load to show it. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_]*");

  /**
   * A name or value read from a pack as a message shows it: {@code <ENTITY>} when the built-in
   * recognizers find personal data in it, else with control characters escaped.
   */
  static String shown(String text) {
    if (text == null || PLAIN.matcher(text).matches()) {
      return text;
    }
    List<Finding> found = BuiltIn.ANALYZER.analyze(text);
    if (!found.isEmpty()) {
      return "<" + found.get(0).entity() + ">";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Loaded on the first message that shows a name that is not plain. */
  private static final class BuiltIn {
    static final Analyzer ANALYZER = Analyzer.defaults();
  }
}
