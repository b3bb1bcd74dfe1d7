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
    List<String> packs, double threshold, Format format, boolean overwrite, String commandLine) {

  public ProtectRequest {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(key, "key");
    packs = List.copyOf(packs);
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold + " (allowed: 0 to 1)");
    }
  }

  /** A request with the defaults of the command line; set the rest on the builder. */
  public static Builder builder(String input, String output, String key) {
    return new Builder(input, output, key);
  }

  /** Builds a {@link ProtectRequest}; every setter is optional. */
  public static final class Builder {
    private final String input;
    private final String output;
    private final String key;
    private String signingKey;
    private List<String> packs = List.of();
    private double threshold = io.trainguard.classifiers.Analyzer.DEFAULT_THRESHOLD;
    private Format format;
    private boolean overwrite;
    private String commandLine = "api";

    private Builder(String input, String output, String key) {
      this.input = input;
      this.output = output;
      this.key = key;
    }

    public Builder signingKey(String signingKey) {
      this.signingKey = signingKey;
      return this;
    }

    public Builder packs(List<String> packs) {
      this.packs = packs;
      return this;
    }

    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public Builder commandLine(String commandLine) {
      this.commandLine = commandLine;
      return this;
    }

    public ProtectRequest build() {
      return new ProtectRequest(input, output, key, signingKey, packs, threshold, format,
          overwrite, commandLine);
    }
  }
}
