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
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.StoredOutput;
import io.trainguard.jobs.storage.HashingOutputStream;
import io.trainguard.jobs.storage.NonClosingOutputStream;
import io.trainguard.jobs.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Re-encrypts every output of a protected dataset under another key without touching its
 * redacted content: each file is decrypted and encrypted again as a stream (a new data key, the
 * same encryption context), the manifest's outputs get their new sizes, digests and key id, a
 * {@code rewrap} entry is appended, and the manifest is signed again by the new key. New files
 * are written next to the old ones and swapped in only once all of them are written.
 */
public final class Rewrapper {

  private static final String STAGED = ".rewrap";

  private final Configuration conf;
  private final KeyProvider from;
  private final KeyProvider to;

  public Rewrapper(Configuration conf, KeyProvider from, KeyProvider to) {
    this.conf = conf;
    this.from = from;
    this.to = to;
  }

  /** Rewraps the output under {@code outputRoot}; returns the number of files rewrapped. */
  public int rewrap(String outputRoot) {
    Path root = Storage.path(outputRoot);
    try {
      FileSystem fs = Storage.fileSystem(root, conf);
      if (!fs.exists(new Path(root, ProtectJob.SUCCESS))) {
        throw TrainguardException.input("Output " + root + " has no " + ProtectJob.SUCCESS
            + ": the run did not complete, so it is not rewrapped");
      }
      Path manifestPath = new Path(root, Manifest.PATH);
      ObjectNode manifest = Manifest.parse(Decryptor.readAll(fs, manifestPath));
      String problem = ManifestSignature.check(manifest, from.signer());
      if (problem != null) {
        throw TrainguardException.input("Cannot rewrap " + root + ": manifest " + problem);
      }
      List<ObjectNode> outputs = new ArrayList<>();
      manifest.path("outputs").forEach(o -> {
        if (!StoredOutput.NONE.equals(o.path("encryption").path("format").asText())) {
          outputs.add((ObjectNode) o); // plaintext outputs (--no-encryption) have no data key
        }
      });
      if (manifest.path("names").isObject()) {
        outputs.add((ObjectNode) manifest.get("names"));
      }
      for (ObjectNode out : outputs) {
        if (ParquetEncryption.FORMAT.equals(out.path("encryption").path("format").asText())) {
          stageColumnar(fs, root, out);
        } else {
          stage(fs, root, out);
        }
      }
      for (ObjectNode out : outputs) {
        Path target = new Path(root, out.path("path").asText());
        Path staged = new Path(target.getParent(), target.getName() + STAGED);
        fs.delete(target, false);
        if (!fs.rename(staged, target)) {
          throw new IOException("cannot move rewrapped file into place: " + target);
        }
      }
      ArrayNode history = manifest.has("rewraps") ? (ArrayNode) manifest.get("rewraps")
          : manifest.putArray("rewraps");
      history.addObject().put("at", Instant.now().toString()).put("from_key_id", from.keyId())
          .put("to_key_id", to.keyId()).put("files", outputs.size());
      ((ObjectNode) manifest.path("config")).put("key_id", to.keyId());
      ObjectNode signed = ManifestSignature.sign(manifest, to.signer());
      write(fs, manifestPath, Manifest.toBytes(signed));
      write(fs, new Path(root, ReportWriter.PATH),
          ReportWriter.render(signed).getBytes(StandardCharsets.UTF_8));
      return outputs.size();
    } catch (FileNotFoundException e) {
      throw TrainguardException.input("Not a protected output: " + root + " ("
          + e.getMessage() + ")");
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot rewrap " + root + ": " + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage("Cannot rewrap " + root + ": " + e.getMessage());
    } catch (IOException e) {
      throw TrainguardException.service("Cannot rewrap " + root + ": " + e.getMessage(), e);
    }
  }

  /** Writes the rewrapped copy of one output next to it and updates its manifest entry. */
  private void stage(FileSystem fs, Path root, ObjectNode out) throws IOException {
    String rel = out.path("path").asText();
    Path source = new Path(root, rel);
    Path staged = new Path(source.getParent(), source.getName() + STAGED);
    Map<String, String> context = new TreeMap<>();
    JsonNode ctx = out.path("encryption").path("context");
    for (Iterator<String> it = ctx.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      context.put(k, ctx.get(k).asText());
    }
    boolean done = false;
    try (InputStream cipher = fs.open(source);
        InputStream plain = EnvelopeCipher.decrypt(from, cipher, context);
        HashingOutputStream sink = new HashingOutputStream(Storage.create(fs, staged, true))) {
      try (OutputStream encrypted = EnvelopeCipher.encrypt(to, new NonClosingOutputStream(sink),
          context)) {
        plain.transferTo(encrypted);
      }
      sink.flush();
      out.put("size", sink.count()).put("sha256", sink.sha256());
      ((ObjectNode) out.path("encryption")).put("key_id", to.keyId());
      done = true;
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
  private void stageColumnar(FileSystem fs, Path root, ObjectNode out) throws IOException {
    String rel = out.path("path").asText();
    Path source = new Path(root, rel);
    Path staged = new Path(source.getParent(), source.getName() + STAGED);
    java.util.Set<String> personal = new java.util.TreeSet<>();
    out.path("encryption").path("column_key_columns").forEach(c -> personal.add(c.asText()));
    boolean done = false;
    try (HashingOutputStream sink = new HashingOutputStream(Storage.create(fs, staged, true))) {
      ParquetEncryption.rewrite(ParquetEncryption.readerConf(conf, from.spec()), source,
          new io.trainguard.jobs.parquet.StreamOutputFile(new NonClosingOutputStream(sink), rel),
          schema -> ParquetEncryption.properties(conf, to.spec(), to.keyId(), source, schema,
              personal));
      sink.flush();
      out.put("size", sink.count()).put("sha256", sink.sha256());
      ((ObjectNode) out.path("encryption")).put("key_id", to.keyId());
      done = true;
    } catch (org.apache.parquet.crypto.ParquetCryptoRuntimeException e) {
      throw TrainguardException.input("Cannot rewrap " + rel + ": its keys do not open with "
          + from.keyId());
    } finally {
      if (!done) {
        fs.delete(staged, false);
      }
    }
  }

  private static void write(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = Storage.create(fs, path, true)) {
      out.write(bytes);
    }
  }
}
