package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value inside another that the policy leaves in place (kept, partly masked) is protected by
 * its own rule, through {@code protect} and {@code decrypt} as a pipeline runs them.
 */
class ContainedValuesCliTest {

  private static final String EMAIL = "john.smith@example.com";
  /** "visit" lifts the URL over the address inside it; "contact" would lift the address. */
  private static final String VISIT = "visit https://example.com/share?to=" + EMAIL + " today";

  @TempDir
  static Path shared;
  static String key;

  @TempDir
  Path dir;

  @BeforeAll
  static void keyring() {
    SparkTestSession.get();
    Path keyFile = shared.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    key = "local:" + keyFile;
  }

  /** The decrypted data/ file {@code name} after protecting {@code csv} under {@code policy}. */
  private String protect(String name, String csv, String policy) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve(name), csv);
    Path policyFile = Files.writeString(dir.resolve("policy.yaml"), policy);
    Path out = dir.resolve("out");
    Run protect = TrainguardCliTest.run("protect", "--input", in.toString(), "--output",
        out.toString(), "--key", key, "--policy", policyFile.toString());
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    Run decrypt = TrainguardCliTest.run("decrypt", "--key", key, "--input", out.toString(),
        "--output", plain.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    manifest = Files.readString(out.resolve("_trainguard/manifest.json"));
    return Files.readString(plain.resolve(name));
  }

  private String manifest;

  @Test
  void anEmailAddressInsideAKeptUrlIsReplaced() throws Exception {
    String csv = "id,message\n1," + VISIT + "\n2,see you today\n";
    assertThat(protect("messages.csv", csv, "version: 1\nentities:\n  URL: keep\n"))
        .isEqualTo("id,message\n1,visit https://example.com/share?to=<EMAIL_ADDRESS> today\n"
            + "2,see you today\n");
  }
}
