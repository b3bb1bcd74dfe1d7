package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.output.Decryptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard decrypt}: plaintext of a protected output. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = {
        "Decrypt a protected output (the --output of protect) or one .enc file.",
        "data/X.enc becomes DIR/X, quarantine/X.enc becomes DIR/quarantine/X. Each file is",
        "checked whole (authenticity, signature, encryption context) before it appears in DIR;",
        "an output without _SUCCESS is refused."})
final class DecryptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The key protect used: a KMS key (ARN or alias/NAME) or local:PATH.")
  String key;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Output root of a protect run, or one .enc file.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Where to write plaintext files (existing files are not replaced).")
  String output;

  @Option(names = "--data-only",
      description = "Skip quarantine/: quarantined records are unredacted (for reviewers); a"
          + " training job should decrypt data/ only.")
  boolean dataOnly;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Hadoop setting for S3 access, e.g. fs.s3a.endpoint=...; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  public Integer call() {
    int n = new Decryptor(HadoopConf.of(conf), KeyProviders.open(key))
        .decrypt(input, output, !dataOnly);
    spec.commandLine().getOut().println("decrypted " + n + " files into " + output);
    return 0;
  }
}
