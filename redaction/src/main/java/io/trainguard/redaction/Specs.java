package io.trainguard.redaction;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Parser of action specs: {@code NAME} or {@code NAME[ARG,...]}. */
final class Specs {

  /** Letters, underscores and glob characters only. */
  private static final java.util.regex.Pattern PLAIN =
      java.util.regex.Pattern.compile("[A-Za-z_*?]*");
  /** The forms each action takes, in the order messages list them. */
  private static final Map<String, String> FORMS = new LinkedHashMap<>();

  static {
    FORMS.put("replace", "replace, replace[TEXT]");
    FORMS.put("redact", "redact");
    FORMS.put("mask", "mask[CHAR,COUNT], mask[CHAR,COUNT,from_end]");
    FORMS.put("keep", "keep");
    FORMS.put("hash", "hash");
    FORMS.put("tokenize", "tokenize");
    FORMS.put("fpe", "fpe, fpe[luhn]");
    FORMS.put("date_shift", "date_shift[MIN_DAYS,MAX_DAYS]");
    FORMS.put("generalize", "generalize[zip], generalize[year], generalize[month], "
        + "generalize[ipv4], generalize[age]");
    FORMS.put("drop_column", "drop_column");
    FORMS.put("drop_record", "drop_record");
    FORMS.put("quarantine_record", "quarantine_record");
  }

  static final String ALL = String.join(", ", FORMS.keySet());
  static final String OPERATORS = String.join(", ", FORMS.keySet().stream()
      .filter(name -> Arrays.stream(RecordAction.values()).noneMatch(a -> a.spec().equals(name)))
      .toList());

  private Specs() {}

  /**
   * The action {@code spec} names. {@code where} completes the message of an invalid spec, as
   * in {@code "Invalid operator" + where + ": ..."}: empty or {@code " in NAME at PATH"}.
   */
  static Action parse(String spec, String where) {
    Supplier<String> prefix = () -> "Invalid operator" + where + ": " + quote(spec);
    if (spec == null) {
      throw new IllegalArgumentException(prefix.get() + " (allowed: " + ALL + ")");
    }
    int open = spec.indexOf('[');
    String name = open < 0 ? spec : spec.substring(0, open);
    String forms = FORMS.get(name);
    if (forms == null) {
      throw new IllegalArgumentException(prefix.get() + " (allowed: " + ALL + ")");
    }
    Supplier<String> invalid = () -> prefix.get() + " (allowed: " + forms + ")";
    if (open >= 0 && !spec.endsWith("]")) {
      throw new IllegalArgumentException(invalid.get());
    }
    String inside = open < 0 ? null : spec.substring(open + 1, spec.length() - 1);
    List<String> args = inside == null ? List.of()
        : Arrays.stream(inside.split(",", -1)).map(String::strip).toList();
    Action action = switch (name) {
      case "replace" -> inside == null ? Replace.ENTITY_NAME
          : inside.isEmpty() ? null : new Replace(inside);
      case "redact" -> args.isEmpty() ? new Redact() : null;
      case "keep" -> args.isEmpty() ? new Keep() : null;
      case "hash" -> args.isEmpty() ? new Hash() : null;
      case "tokenize" -> args.isEmpty() ? new Tokenize() : null;
      case "mask" -> mask(args, prefix, forms);
      case "fpe" -> args.isEmpty() ? new Fpe(false)
          : args.equals(List.of("luhn")) ? new Fpe(true) : null;
      case "date_shift" -> dateShift(args, prefix, forms);
      case "generalize" -> Arrays.stream(Generalize.Kind.values())
          .filter(kind -> args.equals(List.of(kind.spec()))).findFirst()
          .map(Generalize::new).orElse(null);
      default -> args.isEmpty() ? RecordAction.valueOf(name.toUpperCase(Locale.ROOT))
          : null;
    };
    if (action == null) {
      throw new IllegalArgumentException(invalid.get());
    }
    return action;
  }

  private static Mask mask(List<String> args, Supplier<String> prefix, String forms) {
    if (args.size() < 2 || args.size() > 3 || args.size() == 3 && !args.get(2).equals("from_end")) {
      return null;
    }
    String c = args.get(0);
    if (c.codePointCount(0, c.length()) != 1 || !Mask.isValidMaskChar(c.codePointAt(0))) {
      throw reason(prefix, "CHAR must be one printable character other than , [ ]", forms);
    }
    int count = integer(args.get(1));
    if (count < 1) {
      throw reason(prefix, "COUNT must be a whole number of 1 or more", forms);
    }
    return new Mask(c.codePointAt(0), count, args.size() == 3);
  }

  private static DateShift dateShift(List<String> args, Supplier<String> prefix,
      String forms) {
    if (args.size() != 2) {
      return null;
    }
    int min = integer(args.get(0));
    int max = integer(args.get(1));
    int limit = DateShift.MAX_ABS_DAYS;
    if (!DateShift.isValidRange(min, max)) {
      throw reason(prefix, "MIN_DAYS and MAX_DAYS must be whole numbers from -" + limit + " to "
          + limit + ", MIN_DAYS < MAX_DAYS", forms);
    }
    return new DateShift(min, max);
  }

  /** {@code text} as a decimal int, or {@link Integer#MIN_VALUE} if it is not one. */
  private static int integer(String text) {
    return text.matches("-?[0-9]{1,9}") ? Integer.parseInt(text) : Integer.MIN_VALUE;
  }

  private static IllegalArgumentException reason(Supplier<String> prefix, String reason,
      String forms) {
    return new IllegalArgumentException(prefix.get() + " (" + reason + "; allowed: " + forms
        + ")");
  }

  /**
   * {@code text} in double quotes, with quotes, backslashes and control characters escaped; or
   * {@code <ENTITY>} when it holds personal data.
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    String shown = shown(text);
    if (!shown.equals(text)) {
      return shown;
    }
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (Character.isISOControl(cp)) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.append('"').toString();
  }

  /**
   * A name or value from a policy as a message may show it: {@code <ENTITY>} when the built-in
   * recognizers find personal data in it, as they would in a column's values.
   */
  static String shown(String text) {
    if (PLAIN.matcher(text).matches()) {
      return text; // entity names, keys and most column names: no recognizer needs to load
    }
    List<Finding> found = BuiltIn.ANALYZER.analyze(text);
    return found.isEmpty() ? text : "<" + found.get(0).entity() + ">";
  }

  /** Loaded on the first message that quotes the policy. */
  private static final class BuiltIn {
    static final Analyzer ANALYZER = Analyzer.defaults();
  }
}
