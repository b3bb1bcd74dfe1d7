package io.trainguard.jobs.cli;

import io.trainguard.encryption.LocalKeyring;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard keygen}: a new local keyring. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {
        "Create a local keyring (AES-256 wrapping key + Ed25519 signing key), file mode 600.",
        "For laptops and tests; use AWS KMS keys for shared data. Keep it out of version "
            + "control: without it, protected outputs cannot be decrypted."})
final class KeygenCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Where to write the keyring; an existing file is not replaced.")
  Path out;

  @Override
  public Integer call() {
    LocalKeyring keyring = LocalKeyring.generate(out);
    spec.commandLine().getOut().println("wrote keyring " + keyring.keyId() + " to " + out
        + " (mode 600); use it as --key local:" + out);
    return 0;
  }
}
