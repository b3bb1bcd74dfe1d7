package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.protect.ScanJob;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainguard scan}: where personal data is, without writing a protected copy. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {
        "Find personal data in a dataset without writing a protected copy.",
        "Prints findings per file, column and entity, column plans and the estimated share of "
            + "values with personal data as JSON on stdout and, with --report, as the HTML "
            + "report. No key is needed."},
    footer = {"", "Example:",
        "  trainguard scan --input s3a://bucket/raw/ --sample 0.1 --report scan.html \\",
        "      > scan.json"})
final class ScanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "File or prefix to read: a local path, file://... or s3a://...")
  String input;

  @Option(names = "--sample", paramLabel = "FRACTION", defaultValue = "1",
      converter = OptionValues.Fraction.class,
      description = "Share of the files to read, more than 0 up to 1 (default: ${DEFAULT-VALUE},"
          + " every file); files are picked by a hash of their paths, at least one.")
  double sample;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the HTML report to this local file.")
  Path report;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy whose min scores, record actions and gate apply (default: strict).")
  String policy;

  @Option(names = "--pack", paramLabel = "FILE",
      description = "Recognizer pack added to the built-in one; repeatable.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "SCORE",
      defaultValue = "" + Analyzer.DEFAULT_THRESHOLD, converter = OptionValues.Score.class,
      description = "Minimum score of a finding, 0-1 (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--format", paramLabel = "FORMAT", converter = OptionValues.FormatId.class,
      description = "Format of every input file (default: by extension, as protect).")
  Format format;

  @Option(names = "--split-size", paramLabel = "SIZE", converter = OptionValues.Size.class,
      description = "Read each file larger than SIZE in slices, one task each, as protect does"
          + " (default: the Hadoop setting trainguard.split.size, else 128m).")
  Long splitSize;

  @picocli.CommandLine.Mixin
  BadRecordsOption badRecords = new BadRecordsOption();

  @Option(names = "--follow-symlinks",
      description = "Read what symbolic links in a local --input point to.")
  boolean followSymlinks;

  @picocli.CommandLine.Mixin
  AllowOptions allow = new AllowOptions();

  @picocli.CommandLine.Mixin
  NerOption ner = new NerOption();

  @picocli.CommandLine.Mixin
  InputOptions inputs = new InputOptions();

  @picocli.CommandLine.Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    io.trainguard.classifiers.AllowList allowList;
    try {
      allowList = allow.toAllowList();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (report != null) {
      ReportWriter.checkTarget(report);
    }
    ScanJob.Request request = new ScanJob.Request(input, sample, policy, packs, threshold,
        ner.on(), allowList, format, inputs.selection(), followSymlinks,
        splitSize == null ? 0 : splitSize, badRecords.limit, describe(), conf.hadoopSettings());
    Manifest result = new ScanJob(SparkContexts.context("trainguard scan", conf.spark()), request)
        .announce(System.err).execute();
    if (report != null) {
      ReportWriter.write(report, ReportWriter.render(result));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(new String(ManifestWriter.bytes(result), StandardCharsets.UTF_8).stripTrailing());
    out.flush();
    Manifest.Scan scan = result.scan();
    PrintWriter err = spec.commandLine().getErr();
    err.println("trainguard: scanned " + Counts.number(scan.filesScanned()) + " of "
        + Counts.of(scan.filesListed(), "file") + ", "
        + Counts.of(result.accounting().recordsIn(), "record") + "; estimated share of"
        + " values with personal data: " + scan.estimatedPersonalShare());
    err.flush();
    return 0;
  }

  private String describe() {
    List<String> args = new ArrayList<>(List.of("--input", input, "--sample",
        Double.toString(sample), "--threshold", Double.toString(threshold)));
    if (policy != null) {
      args.addAll(List.of("--policy", policy));
    }
    packs.forEach(p -> args.addAll(List.of("--pack", p)));
    if (format != null) {
      args.addAll(List.of("--format", format.id()));
    }
    if (!ner.on()) {
      args.addAll(List.of("--ner", "off"));
    }
    if (splitSize != null) {
      args.addAll(List.of("--split-size", Long.toString(splitSize)));
    }
    args.addAll(badRecords.describe());
    args.addAll(inputs.describe());
    args.addAll(conf.recorded());
    return CommandLines.describe("scan", args.toArray(String[]::new));
  }
}
