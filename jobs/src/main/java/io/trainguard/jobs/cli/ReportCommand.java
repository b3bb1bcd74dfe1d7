package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
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
        "For instance from a manifest copied out of an output, or after a rewrap, once its "
            + "signature holds under --key (exit 2 otherwise). It does not check the outputs: "
            + "run verify for that."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--manifest", required = true, paramLabel = "URI",
      description = "The manifest, e.g. OUT/_trainguard/manifest.json (local or s3a://).")
  String manifest;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "HTML file to write.")
  Path out;

  @Option(names = "--key", paramLabel = "KEY",
      description = "The key you expect to have signed it: local:PATH, or the KMS signing key"
          + " (ARN or alias/NAME) given to protect as --signing-key.")
  String key;

  @Option(names = "--unverified",
      description = "Render without checking the signature: the page shows what the file says.")
  boolean unverified;

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    if (key == null && !unverified) {
      throw TrainguardException.usage("report needs --key (local:PATH or the KMS signing key) to"
          + " check the signature, or --unverified to render a manifest whose signature is not"
          + " checked");
    }
    ReportWriter.renderManifestFile(manifest, out, conf.hadoop(),
        key == null ? null : KeyProviders.openSigner(key));
    spec.commandLine().getOut().println("wrote report " + out);
    return 0;
  }
}
