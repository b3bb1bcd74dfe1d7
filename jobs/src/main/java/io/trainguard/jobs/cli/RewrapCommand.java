package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.output.Rewrapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard rewrap}: move a protected output to another key. */
@Command(name = "rewrap", mixinStandardHelpOptions = true,
    description = {
        "Re-encrypt every file of a protected output, and its dataset secret, under another"
            + " key (key rotation, handing a dataset to another account) without touching its "
            + "redacted content.",
        "The manifest is updated (sizes, digests, key ids, a rewraps entry) and signed "
            + "again by the new key. After a failure, rerun the same command: it finishes the "
            + "rewrap (journal: _trainguard/rewrap.json); on a finished one it changes nothing."})
final class RewrapCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Output root of a protect run.")
  String input;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The current key (KMS ARN/alias or local:PATH).")
  String key;

  @Option(names = "--signing-key", paramLabel = "KMS_KEY",
      description = "The KMS key that signed the manifest, when --key is a KMS key.")
  String signingKey;

  @Option(names = "--to", required = true, paramLabel = "KEY",
      description = "The new key (KMS ARN/alias or local:PATH).")
  String to;

  @Option(names = "--to-signing-key", paramLabel = "KMS_KEY",
      description = "The KMS key that signs the new manifest, when --to is a KMS key.")
  String toSigningKey;

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    Rewrapper.Result result = new Rewrapper(conf.hadoop(),
        KeyProviders.open(key, signingKey), KeyProviders.open(to, toSigningKey)).rewrap(input);
    spec.commandLine().getOut().println(switch (result.state()) {
      case ALREADY_DONE -> input + " is already under the new key; nothing to do";
      case SECRET_ONLY -> "rewrapped the dataset secret of " + input
          + "; its files were already under the new key";
      case REWRAPPED -> "rewrapped " + Counts.of(result.files(), "file") + " of " + input
          + "; manifest signed again";
    });
    return 0;
  }
}
