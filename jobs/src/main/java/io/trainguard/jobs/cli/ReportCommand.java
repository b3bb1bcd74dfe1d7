package io.trainguard.jobs.cli;

import io.trainguard.jobs.manifest.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard report}: re-render the compliance report of any manifest. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Render the compliance report (one self-contained HTML file) from a manifest.",
        "For instance from a manifest copied out of an output, or after a rewrap. The report "
            + "does not check the signature: run verify for that."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--manifest", required = true, paramLabel = "URI",
      description = "The manifest, e.g. OUT/_trainguard/manifest.json (local or s3a://).")
  String manifest;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "HTML file to write.")
  Path out;

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    ReportWriter.renderManifestFile(manifest, out, conf.hadoop());
    spec.commandLine().getOut().println("wrote report " + out);
    return 0;
  }
}
