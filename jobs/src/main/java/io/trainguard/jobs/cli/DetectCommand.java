package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.protect.InputSlices;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.storage.Storage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainguard detect}: findings per line of a JSON Lines file, no Spark. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {
        "Detect personal data in {\"id\": ..., \"text\": ...} lines.",
        "Writes one {\"id\": ..., \"findings\": [{\"entity\", \"start\", \"end\", "
            + "\"score\", \"source\"}]} line per input line, in input order. Offsets count "
            + "Unicode code points, end exclusive. With --macie, Macie's occurrences at $.text of"
            + " a record join the local findings: source is local, macie (the whole text: Macie "
            + "gives no offsets) or both."})
final class DetectCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines input.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "JSON Lines output.")
  Path output;

  @picocli.CommandLine.Mixin
  AllowOptions allow = new AllowOptions();

  @picocli.CommandLine.Mixin
  NerOption ner = new NerOption();

  @Option(names = "--pack", paramLabel = "FILE", description = "Extra recognizer pack; repeatable.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--pack-mode", paramLabel = "MODE", defaultValue = "extend",
      converter = OptionValues.PackMode.class, description = "extend (default: built-in recognizers stay on unless a pack disables them)"
          + " or replace (as Presidio: only what the packs list or define is on).")
  RecognizerPack.Mode packMode;

  @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "" + Analyzer.DEFAULT_THRESHOLD,
      converter = OptionValues.Score.class, description = "Minimum score, 0-1 (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--entities", paramLabel = "A,B", split = ",",
      description = "Only report these entities (each one a recognizer reports).")
  Set<String> entities = new LinkedHashSet<>();

  @Option(names = "--macie", paramLabel = "SOURCE",
      description = "Macie findings about this file: a findings JSON file or sensitive data"
          + " discovery results (.jsonl.gz file or folder); repeatable.")
  List<String> macie = new ArrayList<>();

  @Option(names = "--macie-key-prefix", paramLabel = "PREFIX",
      description = "Strip this prefix from Macie's object keys; the rest must be the input's"
          + " file name.")
  String macieKeyPrefix;

  @picocli.CommandLine.Mixin
  BadRecordsOption badRecords = new BadRecordsOption();

  @Option(names = "--split-size", paramLabel = "SIZE", converter = OptionValues.Size.class,
      description = "Read a file larger than SIZE in slices, one thread each, as protect and"
          + " scan do (default: the Hadoop setting trainguard.split.size, else 128m).")
  Long splitSize;

  @picocli.CommandLine.Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() throws IOException {
    io.trainguard.classifiers.AllowList allowList;
    try {
      allowList = allow.toAllowList();
    } catch (IllegalArgumentException e) {
      throw TrainguardException.usage(e.getMessage());
    }
    Analyzer all = new Analyzer(ProtectJob.loadRecognizers(packs, packMode, ner.on()),
        threshold,
        allowList);
    checkEntities(all);
    Analyzer analyzer = entities.isEmpty() ? all : all.onlyEntities(entities);
    MacieHints hints = macieHints(all);
    // Written under a temporary name beside the output and renamed when complete: a failed run
    // leaves no partial output.
    Path target = output.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw TrainguardException.usage("Output directory not found: " + target.getParent());
    }
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".",
        ".partial");
    try {
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(partial,
          StandardCharsets.UTF_8))) {
        SlicedDetection.detect(input, out, analyzer, input.toString(), hints,
            badRecords.limit,
            spec -> System.err.println("trainguard: warning: skipped a malformed record of "
                + input + " at " + spec), splitBytes(), target.getParent());
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      throw TrainguardException.input("Input not found: " + input);
    } finally {
      Files.deleteIfExists(partial);
    }
    return 0;
  }

  /**
   * Refuses an entity in {@code --entities} that no recognizer reports: a misspelt one would
   * silently report nothing. With {@code --macie}, Macie's own entity names may be asked for.
   */
  private void checkEntities(Analyzer all) {
    Set<String> known = new TreeSet<>();
    all.recognizers().forEach(r -> known.add(r.entity()));
    List<String> unknown = entities.stream().filter(e -> !known.contains(e)).toList();
    if (!unknown.isEmpty() && macie.isEmpty()) {
      throw TrainguardException.usage("Invalid --entities: " + String.join(", ", unknown)
          + (unknown.size() == 1 ? " (no recognizer reports it" : " (no recognizer reports them")
          + "; entities: " + String.join(", ", known) + ")");
    }
  }

  /** {@code --split-size}, else the Hadoop setting {@code trainguard.split.size}, else 128 MiB. */
  long splitBytes() {
    return InputSlices.splitBytes(splitSize == null ? 0 : splitSize, conf.hadoop());
  }

  private MacieHints macieHints(Analyzer names) throws IOException {
    if (macie.isEmpty()) {
      return MacieHints.NONE;
    }
    if (macie.contains("api")) {
      throw TrainguardException.usage("--macie api needs an S3 input: use it with protect");
    }
    Path file = input.toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw TrainguardException.input("Input not found: " + input);
    }
    String name = file.getFileName().toString();
    Storage.DataFile data = new Storage.DataFile(file.toUri().toString(), name, Files.size(file),
        null, null);
    MacieFusion.Result result = MacieFusion.run(macie, macieKeyPrefix, file.getParent().toString(),
        List.of(data), conf.hadoop(),
        path -> io.trainguard.jobs.format.PersonalNames.masked(names, path));
    result.warnings().forEach(w -> System.err.println("trainguard: warning: Macie: " + w));
    return result.hints().getOrDefault(name, MacieHints.NONE);
  }
}
