package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.poisoning.PoisoningPolicy;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.PolicyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A policy with the exact text it was loaded from, which the manifest records and hashes, and its
 * validated {@code poisoning} section (defaults when absent).
 */
record LoadedPolicy(Policy policy, String text, PoisoningPolicy poisoning) {

  private static final String STRICT = "/io/trainguard/redaction/strict.yaml";

  /**
   * The policy file at {@code path}, or the built-in strict policy when null; every entity it
   * names must be in {@code knownEntities}.
   */
  static LoadedPolicy load(String path, Set<String> knownEntities) {
    byte[] bytes;
    String name;
    try {
      if (path == null) {
        try (InputStream in = Policy.class.getResourceAsStream(STRICT)) {
          bytes = in.readAllBytes();
        }
        name = "strict";
      } else {
        bytes = Files.readAllBytes(Path.of(path));
        name = Path.of(path).getFileName().toString();
      }
    } catch (NoSuchFileException e) {
      throw TrainguardException.usage("Policy not found: " + path);
    } catch (IOException e) {
      throw TrainguardException.usage("Cannot read policy " + path + ": "
          + e.getClass().getSimpleName());
    }
    try {
      Policy policy = Policy.parse(new ByteArrayInputStream(bytes), name);
      policy.requireKnownEntities(knownEntities);
      return new LoadedPolicy(policy, new String(bytes, StandardCharsets.UTF_8),
          PoisoningPolicy.parse(policy.poisoning().orElse(null), name));
    } catch (PolicyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
  }
}
