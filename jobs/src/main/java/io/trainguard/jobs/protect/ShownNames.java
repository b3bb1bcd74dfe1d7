package io.trainguard.jobs.protect;

import com.fasterxml.jackson.core.type.TypeReference;
import io.trainguard.encryption.DecryptionException;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The inputs whose paths hold personal data, by the path their outputs show: stored only in
 * {@value OutputLayout#NAMES}, encrypted under the run's key and bound to the run, so that {@code decrypt}
 * restores the original names and nothing else tells them.
 */
public final class ShownNames {

  private ShownNames() {}

  /** Writes {@code originals} (shown path to original path, relative to the input root). */
  static StoredOutput write(FileSystem fs, Path outRoot, String runId, KeyProvider key,
      Map<String, String> originals) throws IOException {
    EncryptedOutput out = new EncryptedOutput(fs, new Path(outRoot, OutputLayout.NAMES), OutputLayout.NAMES,
        context(runId), key);
    try {
      out.stream().write(CanonicalJson.MAPPER.writeValueAsBytes(new TreeMap<>(originals)));
      return out.finish();
    } catch (IOException | RuntimeException e) {
      out.abort();
      throw e;
    }
  }

  /**
   * The original paths by shown path of the output at {@code outRoot} whose (verified) manifest
   * is {@code manifest}: none if it lists no names file, else the file it lists, checked against
   * its signed SHA-256 and decrypted.
   */
  public static Map<String, String> read(FileSystem fs, Path outRoot, Manifest manifest,
      KeyProvider key) throws IOException {
    Manifest.Names listed = manifest.names();
    if (listed == null) {
      return Map.of();
    }
    byte[] stored;
    try (InputStream in = fs.open(new Path(outRoot, OutputLayout.NAMES))) {
      stored = in.readAllBytes();
    } catch (java.io.FileNotFoundException e) {
      throw TrainguardException.input("Cannot restore names: " + OutputLayout.NAMES + " is missing");
    }
    if (!HexFormat.of().formatHex(sha256(stored)).equals(listed.sha256())) {
      throw TrainguardException.input("Cannot restore names: SHA-256 of " + OutputLayout.NAMES
          + " differs from the manifest");
    }
    String runId = manifest.run() == null ? "" : manifest.run().id();
    try (InputStream in = EnvelopeCipher.decrypt(key, new ByteArrayInputStream(stored),
        context(runId))) {
      return CanonicalJson.MAPPER.readValue(in.readAllBytes(), new TypeReference<>() {});
    } catch (DecryptionException e) {
      throw TrainguardException.input("Cannot decrypt " + OutputLayout.NAMES + ": " + e.getMessage());
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The original of a path relative to {@code data/} or {@code quarantine/}: an input's shown
   * path, or one with a suffix ({@code .txt}, {@code .metadata.json}) appended to it.
   */
  public static String original(Map<String, String> originals, String shown) {
    String exact = originals.get(shown);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> e : originals.entrySet()) {
      if (shown.startsWith(e.getKey() + ".")) {
        return e.getValue() + shown.substring(e.getKey().length());
      }
    }
    return shown;
  }

  /**
   * The path under {@code data/} that {@code decrypt} writes for {@code shown}: its original,
   * but a partition directory ({@code column=value}) shown otherwise keeps its shown name, since
   * its value is a column's value, which the data keeps protected.
   */
  public static String originalData(Map<String, String> originals, String shown) {
    String[] original = original(originals, shown).split("/", -1);
    String[] shownNames = shown.split("/", -1);
    if (original.length != shownNames.length) {
      return original(originals, shown);
    }
    for (int i = 0; i < original.length - 1; i++) {
      if (original[i].indexOf('=') > 0 && !original[i].equals(shownNames[i])) {
        original[i] = shownNames[i];
      }
    }
    return String.join("/", original);
  }

  private static Map<String, String> context(String runId) {
    return Map.of(FileProtector.CONTEXT_RUN, runId, FileProtector.CONTEXT_PATH, OutputLayout.NAMES);
  }
}
