package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.Format;
import java.util.List;
import java.util.Objects;

/**
 * What {@code protect} should do: read {@code input} (a file or prefix: local path, file://,
 * s3a://), write the protected copy under {@code output}, encrypted under {@code key}.
 *
 * @param signingKey the KMS key (ECC_NIST_P256) that signs the manifest when {@code key} is a KMS
 *     key, or null; a local keyring signs with its own key
 * @param packs recognizer pack files added to the built-in pack, in order
 * @param format the format of every input file, or null to decide by file extension
 * @param commandLine the invocation, recorded in the manifest (must hold no secrets)
 */
public record ProtectRequest(String input, String output, String key, String signingKey,
    List<String> packs,
    double threshold, Format format, boolean overwrite, String commandLine) {

  public ProtectRequest {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(key, "key");
    packs = List.copyOf(packs);
  }
}
