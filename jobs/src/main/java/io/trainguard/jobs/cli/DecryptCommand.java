package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.FileMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard decrypt}: plaintext of a protected output. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = {
        "Decrypt a protected output (the --output of protect): data/X.enc becomes DIR/X.",
        "First checks the manifest's signature, the signed gate (exit 3 if it failed), "
            + "_SUCCESS, and that data/ and quarantine/ hold exactly the signed list of files; "
            + "then each file's size, SHA-256 and authenticity as it is decrypted. Nothing "
            + "appears in DIR unless every file checked out. Files are created 0600, new "
            + "directories 0700, unless --file-mode says otherwise. Quarantined records "
            + "(unredacted) are written only with --quarantine-to."})
final class DecryptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The key protect used: a KMS key (ARN or alias/NAME) or local:PATH.")
  String key;

  @Option(names = "--signing-key", paramLabel = "KMS_KEY",
      description = "With a KMS --key: the KMS key that signed the manifest (protect's"
          + " --signing-key). A local keyring checks with its own key.")
  String signingKey;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Output root of a protect run.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Local directory for the plaintext of data/ (existing files are not"
          + " replaced).")
  String output;

  @Option(names = "--quarantine-to", paramLabel = "DIR",
      description = "Also decrypt quarantine/ (unredacted records, for reviewers) into this"
          + " local directory, outside --output.")
  String quarantineTo;

  @Option(names = "--file-mode", paramLabel = "MODE", converter = OptionValues.Mode.class,
      description = "Permissions of the files created, octal (default 0600: the owner only;"
          + " 0640 shares them with the group). Directories created get the same plus search"
          + " where read is granted (0640: 0750). Applies to --quarantine-to too. The owner"
          + " must read and write; no execute bits.")
  FileMode fileMode = FileMode.PRIVATE;

  @Option(names = "--allow-failed-gate",
      description = "Decrypt an output whose signed gate failed, for an audit.")
  boolean allowFailedGate;

  @Option(names = "--data-only", hidden = true,
      description = "Deprecated, no effect: decrypt writes only data/ unless --quarantine-to.")
  boolean dataOnly;

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    if (dataOnly && quarantineTo != null) {
      throw TrainguardException.usage("--data-only and --quarantine-to exclude each other");
    }
    if (signingKey == null && !key.startsWith(KeyProviders.LOCAL_PREFIX)) {
      throw TrainguardException.usage("decrypt needs --signing-key with a KMS --key: the"
          + " manifest's signature is checked first");
    }
    Decryptor decryptor = new Decryptor(conf.hadoop(),
        KeyProviders.open(key, signingKey)).fileMode(fileMode);
    if (quarantineTo != null) {
      decryptor.quarantineTo(quarantineTo);
    }
    if (allowFailedGate) {
      decryptor.allowFailedGate();
    }
    Decryptor.Result r = decryptor.decrypt(input, output);
    spec.commandLine().getOut().println("decrypted " + Counts.of(r.dataFiles(), "file")
        + " into " + output + (quarantineTo == null ? ""
            : ", " + Counts.of(r.quarantineFiles(), "quarantine file") + " into " + quarantineTo));
    return 0;
  }
}
