package io.trainguard.jobs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.DecryptionException;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.format.StreamOutputFile;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.jobs.protect.StoredOutput;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.storage.HashingOutputStream;
import io.trainguard.jobs.format.NonClosingOutputStream;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Re-encrypts every output of a protected dataset, and its dataset secret, under another key
 * without touching its redacted content: each file is decrypted and encrypted again as a stream (a
 * new data key, the same encryption context), the manifest's outputs get their new sizes, digests
 * and key id, a {@code rewrap} entry is appended, and the manifest is signed again by the new
 * key.
 *
 * <p>Resumable and idempotent: new files are staged next to the old ones ({@code NAME.rewrap});
 * once all are staged, a journal ({@code _trainguard/rewrap.json}: the new signed manifest and
 * each new file's digest) is published, and only then are files moved into place and the
 * manifest and report replaced; the journal goes last. Rerunning the same command after a
 * failure before the journal stages again; after it, finishes the moves the journal lists; after
 * the end, finds the output already under the new key and changes nothing.
 */
public final class Rewrapper {


  /** How many files a rewrap re-encrypted, and what it did. */
  public record Result(int files, State state) {}

  /** What a rewrap did. */
  public enum State {
    /** Re-encrypted the files (and the secret) and signed the manifest again. */
    REWRAPPED,
    /** Re-encrypted only the dataset secret, which an older trainguard left under the old key. */
    SECRET_ONLY,
    /** Nothing: the output was already under the new key. */
    ALREADY_DONE
  }

  private final Configuration conf;
  private final KeyProvider from;
  private final KeyProvider to;

  public Rewrapper(Configuration conf, KeyProvider from, KeyProvider to) {
    this.conf = conf;
    this.from = from;
    this.to = to;
  }

  /** Rewraps the output under {@code outputRoot}, or finishes a rewrap of it that failed. */
  public Result rewrap(String outputRoot) {
    Path root = Storage.path(outputRoot);
    try {
      FileSystem fs = Storage.fileSystem(root, conf);
      if (!fs.exists(root)) {
        throw TrainguardException.input("Input not found: " + root);
      }
      Path journal = new Path(root, OutputLayout.REWRAP_JOURNAL);
      if (fs.exists(journal)) {
        JsonNode plan = CanonicalJson.MAPPER.readTree(Decryptor.readAll(fs, journal));
        if (plan == null || !plan.path("manifest").isObject()) {
          throw TrainguardException.input("Cannot rewrap " + root + ": "
              + OutputLayout.REWRAP_JOURNAL + " is not a rewrap journal");
        }
        return finish(fs, root, (ObjectNode) plan);
      }
      if (!fs.exists(new Path(root, OutputLayout.SUCCESS))) {
        throw TrainguardException.input("Output " + root + " has no " + OutputLayout.SUCCESS
            + ": the run did not complete, so it is not rewrapped");
      }
      Path manifestPath = new Path(root, OutputLayout.MANIFEST);
      Path secret = new Path(root, OutputLayout.DATASET_SECRET);
      SignedOutput underNewKey = SignedOutput.checkForRewrap(fs, manifestPath, to.signer());
      Manifest done = underNewKey.manifest();
      if (done.config() != null && to.keyId().equals(done.config().keyId())
          && underNewKey.signatureProblem() == null) {
        if (!fs.exists(secret) || DatasetSecret.opensWith(fs, secret, to)) {
          return new Result(0, State.ALREADY_DONE);
        }
        // an older trainguard rewrapped the files and left the secret under the old key
        ObjectNode plan = CanonicalJson.MAPPER.createObjectNode().put("to_key_id", to.keyId())
            .put("secret_only", true);
        Staged copy = stageSecret(fs, secret, done.config().datasetSecret());
        plan.putArray("files").addObject().put("path", OutputLayout.DATASET_SECRET)
            .put("sha256", copy.sha256());
        plan.set("manifest", ManifestWriter.json(ManifestWriter.seal(done.withDatasetSecret(
            done.config().datasetSecret().stored(copy.size(), copy.sha256())), to.signer())
            .manifest()));
        Storage.publish(fs, Map.of(journal, ManifestWriter.bytes(plan)), "rewrap");
        return finish(fs, root, plan);
      }
      SignedOutput output = SignedOutput.checkForRewrap(fs, manifestPath, from.signer());
      if (output.signatureProblem() != null) {
        throw TrainguardException.input("Cannot rewrap " + root + ": manifest "
            + output.signatureProblem());
      }
      if (!output.problems().isEmpty()) {
        throw TrainguardException.input("Cannot rewrap " + root + ": "
            + output.problems().get(0));
      }
      Manifest manifest = output.manifest();
      ObjectNode plan = CanonicalJson.MAPPER.createObjectNode().put("to_key_id", to.keyId());
      ArrayNode moves = plan.putArray("files");
      List<Manifest.Output> outputs = new ArrayList<>();
      List<Path> staged = new ArrayList<>();
      int files = 0;
      try {
        for (Manifest.Output out : manifest.outputs()) {
          if (StoredOutput.NONE.equals(out.encryption().format())) {
            outputs.add(out); // plaintext outputs (--no-encryption) have no data key
            continue;
          }
          Staged copy = ParquetEncryption.FORMAT.equals(out.encryption().format())
              ? stageColumnar(fs, root, out.path(), out.size(), out.sha256(),
                  out.encryption().columnKeyColumns())
              : stage(fs, root, out.path(), out.size(), out.sha256(), out.encryption().context());
          outputs.add(out.rewrapped(copy.size(), copy.sha256(), to.keyId()));
          moves.addObject().put("path", out.path()).put("sha256", copy.sha256());
          staged.add(stagedPath(root, out.path()));
          files++;
        }
        Manifest.Names names = manifest.names();
        if (names != null) {
          Staged copy = stage(fs, root, names.path(), names.size(), names.sha256(),
              names.encryption().context());
          names = names.rewrapped(copy.size(), copy.sha256(), to.keyId());
          moves.addObject().put("path", names.path()).put("sha256", copy.sha256());
          staged.add(stagedPath(root, names.path()));
          files++;
        }
        Manifest.DatasetSecret signedSecret = manifest.config().datasetSecret();
        if (fs.exists(secret)) {
          Staged copy = stageSecret(fs, secret, signedSecret);
          signedSecret = signedSecret.stored(copy.size(), copy.sha256());
          moves.addObject().put("path", OutputLayout.DATASET_SECRET)
              .put("sha256", copy.sha256());
          staged.add(stagedPath(root, OutputLayout.DATASET_SECRET));
        } else {
          System.err.println("trainguard: warning: the dataset secret "
              + manifest.config().datasetSecret().uri() + " is not in " + root + " and stays under "
              + from.keyId());
        }
        Manifest rewrapped = manifest.rewrapped(outputs, names, to.keyId(),
            new Manifest.Rewrap(Instant.now(), from.keyId(), to.keyId(), files))
            .withDatasetSecret(signedSecret);
        plan.set("manifest", ManifestWriter.json(ManifestWriter.seal(rewrapped, to.signer())
            .manifest()));
      } catch (TrainguardException e) {
        for (Path p : staged) { // refused: leave the output as it was
          fs.delete(p, false);
        }
        throw e;
      }
      Storage.publish(fs, Map.of(journal, ManifestWriter.bytes(plan)), "rewrap");
      return finish(fs, root, plan);
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot rewrap " + root + ": " + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage("Cannot rewrap " + root + ": " + e.getMessage());
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Not a protected output: " + root);
      }
      throw TrainguardException.service("Cannot rewrap " + root + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Moves every staged file of the journal into place (a file already moved must have its new
   * digest), publishes the new manifest and report, and deletes the journal.
   */
  private Result finish(FileSystem fs, Path root, ObjectNode plan) throws IOException {
    if (!to.keyId().equals(plan.path("to_key_id").asText())) {
      throw TrainguardException.usage("Cannot rewrap " + root + ": a rewrap to key "
          + plan.path("to_key_id").asText() + " is unfinished; rerun it with that --to key");
    }
    ObjectNode document = (ObjectNode) plan.path("manifest");
    String problem = ManifestSignature.check(document, to.signer());
    if (problem != null) {
      throw TrainguardException.input("Cannot rewrap " + root + ": journal "
          + OutputLayout.REWRAP_JOURNAL + " " + problem);
    }
    int files = 0;
    for (JsonNode move : plan.path("files")) {
      Path target = new Path(root, move.path("path").asText());
      Path staged = new Path(target.getParent(), target.getName() + OutputLayout.REWRAP_STAGED);
      if (fs.exists(staged)) {
        if (!fs.rename(staged, target) && !(fs.delete(target, false)
            && fs.rename(staged, target))) {
          throw new IOException("cannot move rewrapped file into place: " + target);
        }
      } else if (!move.path("sha256").asText().equals(Storage.sha256(fs, target))) {
        throw TrainguardException.input("Cannot finish the rewrap of " + root + ": "
            + move.path("path").asText() + " is neither staged nor rewrapped");
      }
      if (!OutputLayout.DATASET_SECRET.equals(move.path("path").asText())) {
        files++;
      }
    }
    Map<Path, byte[]> metadata = new java.util.LinkedHashMap<>();
    metadata.put(new Path(root, OutputLayout.MANIFEST), ManifestWriter.bytes(document));
    metadata.put(new Path(root, OutputLayout.REPORT),
        ReportWriter.render(ManifestReader.read(document)).getBytes(StandardCharsets.UTF_8));
    Storage.publish(fs, metadata, "rewrap");
    fs.delete(new Path(root, OutputLayout.REWRAP_JOURNAL), false);
    return new Result(files,
        plan.path("secret_only").asBoolean() ? State.SECRET_ONLY : State.REWRAPPED);
  }

  private static Path stagedPath(Path root, String rel) {
    Path target = new Path(root, rel);
    return new Path(target.getParent(), target.getName() + OutputLayout.REWRAP_STAGED);
  }

  /** A file written under the new key next to the one it replaces: its size and digest. */
  private record Staged(long size, String sha256) {}

  /**
   * Writes the dataset secret under the new key next to it, once it is the one the manifest
   * signs ({@code signed}); returns the new file's size and digest.
   */
  private Staged stageSecret(FileSystem fs, Path secret, Manifest.DatasetSecret signed)
      throws IOException {
    Path staged = new Path(secret.getParent(), secret.getName() + OutputLayout.REWRAP_STAGED);
    boolean done = false;
    try (HashingOutputStream sink = new HashingOutputStream(Storage.create(fs, staged, true))) {
      DatasetSecret.rewrap(fs, secret, from, signed == null ? null : signed.fingerprint(),
          new NonClosingOutputStream(sink), to);
      sink.flush();
      done = true;
      return new Staged(sink.count(), sink.sha256());
    } finally {
      if (!done) {
        fs.delete(staged, false);
      }
    }
  }

  /**
   * Writes the rewrapped copy of the file at {@code rel} next to it, once its bytes have the
   * listed size and SHA-256.
   */
  private Staged stage(FileSystem fs, Path root, String rel, Long size, String sha256,
      Map<String, String> context) throws IOException {
    Path source = new Path(root, rel);
    Path staged = new Path(source.getParent(), source.getName() + OutputLayout.REWRAP_STAGED);
    boolean done = false;
    try (HashingInputStream cipher = new HashingInputStream(fs.open(source));
        InputStream plain = EnvelopeCipher.decrypt(from, cipher, context);
        HashingOutputStream sink = new HashingOutputStream(Storage.create(fs, staged, true))) {
      try (OutputStream encrypted = EnvelopeCipher.encrypt(to, new NonClosingOutputStream(sink),
          context)) {
        plain.transferTo(encrypted);
      }
      cipher.transferTo(OutputStream.nullOutputStream()); // bytes after the message count
      checkDigest(root, rel, size, sha256, cipher.count(), cipher.sha256());
      sink.flush();
      done = true;
      return new Staged(sink.count(), sink.sha256());
    } catch (DecryptionException e) {
      throw TrainguardException.input("Cannot rewrap " + rel + ": " + e.getMessage());
    } finally {
      if (!done) {
        fs.delete(staged, false);
      }
    }
  }

  /**
   * A columnar Parquet output holds its keys wrapped inside the file: its records are written
   * again, column for column (the same columns under their own keys), under fresh keys wrapped
   * by the new master key. The redacted values are not touched.
   */
  private Staged stageColumnar(FileSystem fs, Path root, String rel, Long size, String sha256,
      List<String> columnKeyColumns) throws IOException {
    Path source = new Path(root, rel);
    Path staged = new Path(source.getParent(), source.getName() + OutputLayout.REWRAP_STAGED);
    // Parquet is read by random access, not as one stream: hash it in a pass of its own
    checkDigest(root, rel, size, sha256, fs.getFileStatus(source).getLen(),
        Storage.sha256(fs, source));
    java.util.Set<String> personal = new java.util.TreeSet<>(
        columnKeyColumns == null ? List.of() : columnKeyColumns);
    boolean done = false;
    try (HashingOutputStream sink = new HashingOutputStream(Storage.create(fs, staged, true))) {
      ParquetEncryption.rewrite(ParquetEncryption.readerConf(conf, from.spec()), source,
          new StreamOutputFile(new NonClosingOutputStream(sink), rel),
          schema -> ParquetEncryption.properties(conf, to.spec(), to.keyId(), source, schema,
              personal));
      sink.flush();
      done = true;
      return new Staged(sink.count(), sink.sha256());
    } catch (org.apache.parquet.crypto.ParquetCryptoRuntimeException e) {
      throw TrainguardException.input("Cannot rewrap " + rel + ": its keys do not open with "
          + from.keyId());
    } finally {
      if (!done) {
        fs.delete(staged, false);
      }
    }
  }

  /** Refuses a file whose stored bytes are not those the signed manifest lists. */
  private static void checkDigest(Path root, String rel, Long listedSize, String listedSha256,
      long size, String sha256) {
    if (listedSize == null || size != listedSize) {
      throw TrainguardException.input("Cannot rewrap " + root + ": " + rel + ": size is " + size
          + ", manifest says " + listedSize);
    }
    if (!sha256.equals(listedSha256)) {
      throw TrainguardException.input("Cannot rewrap " + root + ": " + rel
          + ": SHA-256 differs from the manifest");
    }
  }

  private static void write(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = Storage.create(fs, path, true)) {
      out.write(bytes);
    }
  }
}
