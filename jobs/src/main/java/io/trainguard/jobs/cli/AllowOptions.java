package io.trainguard.jobs.cli;

import io.trainguard.classifiers.AllowList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** The allow-list options shared by detect and protect. */
final class AllowOptions {

  @Option(names = "--allow", paramLabel = "VALUE",
      description = "A value never reported, even when a recognizer matches it exactly"
          + " (a test card number, a company address); repeatable.")
  List<String> values = new ArrayList<>();

  @Option(names = "--allow-regex", paramLabel = "REGEX",
      description = "Matched text that fully matches this regex is never reported; repeatable.")
  List<String> regexes = new ArrayList<>();

  AllowList toAllowList() {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("Invalid --allow-regex: " + e.getDescription());
      }
    }
    return new AllowList(Set.copyOf(values), patterns);
  }
}
