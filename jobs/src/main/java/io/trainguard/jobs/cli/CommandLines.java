package io.trainguard.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The invocation as recorded in manifests, with secret values elided. */
final class CommandLines {

  private static final Pattern SECRET = Pattern.compile(
      "(?i).*(secret|password|passwd|token|credential|session\\.key|access\\.key).*");

  private CommandLines() {}

  static String describe(String command, String... args) {
    List<String> parts = new ArrayList<>();
    parts.add("trainguard");
    parts.add(command);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0 && SECRET.matcher(arg.substring(0, eq).toLowerCase(Locale.ROOT)).matches()) {
        parts.add(arg.substring(0, eq + 1) + "***");
      } else {
        parts.add(arg);
      }
    }
    return String.join(" ", parts);
  }
}
