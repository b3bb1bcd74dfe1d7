package io.trainguard.jobs.cli;

import io.trainguard.jobs.protect.InputSelection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --include}, {@code --exclude} and {@code --skip-unsupported}, shared by protect and scan. */
final class InputOptions {

  @Option(names = "--include", paramLabel = "GLOB",
      description = "Read only files this glob matches; repeatable. A glob with / matches the"
          + " path under --input, one without the file name at any depth ('*.csv').")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Do not read files this glob matches (as --include); repeatable.")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--skip-unsupported",
      description = "Skip files of no supported type, listing them in the manifest and report."
          + " Default: such files are a usage error that lists them.")
  boolean skipUnsupported;

  InputSelection selection() {
    return new InputSelection(includes, excludes, skipUnsupported);
  }

  /** The options as given, for the manifest's command line. */
  List<String> describe() {
    List<String> args = new ArrayList<>();
    includes.forEach(g -> args.addAll(List.of("--include", g)));
    excludes.forEach(g -> args.addAll(List.of("--exclude", g)));
    if (skipUnsupported) {
      args.add("--skip-unsupported");
    }
    return args;
  }
}
