package io.trainguard.jobs.output;

import io.trainguard.encryption.DecryptionException;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KmsServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.parquet.StreamOutputFile;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.StoredOutput;
import io.trainguard.jobs.storage.NonClosingOutputStream;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;

/**
 * Restores the plaintext of a protected output: {@code data/X.enc} becomes {@code DIR/X} and
 * {@code quarantine/X.enc} becomes {@code DIR/quarantine/X}; a Parquet file with modular
 * encryption ({@code data/X.parquet}, per the manifest) becomes plaintext Parquet {@code DIR/X}.
 * Each file is decrypted to a temporary name and renamed only when its whole message, signature
 * included, checked out; a file that fails leaves nothing behind.
 */
public final class Decryptor {

  private static final String SUFFIX = ".enc";
  private static final String PARTIAL = "._trainguard_partial";

  private final Configuration conf;
  private final KeyProvider key;

  public Decryptor(Configuration conf, KeyProvider key) {
    this.conf = conf;
    this.key = key;
  }

  /** Decrypts an output root or one {@code .enc} file into {@code outputDir}; returns the count. */
  public int decrypt(String input, String outputDir) {
    return decrypt(input, outputDir, true);
  }

  /**
   * As {@link #decrypt(String, String)}; {@code includeQuarantine} false skips quarantined
   * records (unredacted by design: for reviewers, not for training jobs).
   */
  public int decrypt(String input, String outputDir, boolean includeQuarantine) {
    Path in = Storage.path(input);
    Path outRoot = Storage.path(outputDir);
    try {
      FileSystem inFs = Storage.fileSystem(in, conf);
      FileSystem outFs = Storage.fileSystem(outRoot, conf);
      if (inFs.getFileStatus(in).isFile()) {
        String name = in.getName();
        if (!name.endsWith(SUFFIX)) {
          throw TrainguardException.input("Not an encrypted output file: " + in);
        }
        decryptFile(inFs, in, name, Map.of(), outFs,
            new Path(outRoot, name.substring(0, name.length() - SUFFIX.length())));
        return 1;
      }
      if (!inFs.exists(new Path(in, ProtectJob.SUCCESS))) {
        throw TrainguardException.input("Output " + in + " has no " + ProtectJob.SUCCESS
            + ": the run did not complete, so it is not decrypted");
      }
      ObjectNode manifest = Manifest.parse(readAll(inFs, new Path(in, Manifest.PATH)));
      String runId = manifest.path("run").path("id").asText();
      Set<String> columnar = new HashSet<>();
      Set<String> plaintext = new HashSet<>();
      for (JsonNode out : manifest.path("outputs")) {
        String format = out.path("encryption").path("format").asText();
        if (ParquetEncryption.FORMAT.equals(format)) {
          columnar.add(out.path("path").asText());
        } else if (StoredOutput.NONE.equals(format)) {
          plaintext.add(out.path("path").asText());
        }
      }
      List<DataFile> files = new ArrayList<>();
      for (String area : includeQuarantine ? List.of("data", "quarantine") : List.of("data")) {
        Path dir = new Path(in, area);
        if (inFs.exists(dir)) {
          for (DataFile f : Storage.listDataFiles(inFs, dir)) {
            files.add(new DataFile(f.uri(), area + "/" + f.relativePath(), f.size(), f.etag(),
                f.versionId()));
          }
        }
      }
      for (DataFile f : files) {
        String rel = f.relativePath();
        if (columnar.contains(rel)) {
          decryptColumnar(new Path(f.uri()), rel, outFs,
              new Path(outRoot, rel.substring("data/".length())));
          continue;
        }
        if (plaintext.contains(rel)) {
          copy(inFs, new Path(f.uri()), outFs, new Path(outRoot, rel.substring("data/".length())));
          continue;
        }
        if (!rel.endsWith(SUFFIX)) {
          throw TrainguardException.input("Unexpected file in output: " + rel);
        }
        String plainRel = rel.substring(0, rel.length() - SUFFIX.length());
        if (plainRel.startsWith("data/")) {
          plainRel = plainRel.substring("data/".length());
        }
        decryptFile(inFs, new Path(f.uri()), rel,
            Map.of("trainguard:run", runId, "trainguard:path", rel), outFs,
            new Path(outRoot, plainRel));
      }
      return files.size();
    } catch (FileNotFoundException e) {
      throw TrainguardException.input("Input not found: " + in);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot decrypt " + in + ": " + e.getMessage(), e);
    }
  }

  /** A plaintext output ({@code --no-encryption}), copied as it is. */
  private static void copy(FileSystem inFs, Path file, FileSystem outFs, Path target)
      throws IOException {
    if (outFs.exists(target)) {
      throw TrainguardException.usage("Cannot copy " + file.getName() + ": " + target + " exists");
    }
    try (InputStream in = inFs.open(file);
        OutputStream out = Storage.create(outFs, target, false)) {
      in.transferTo(out);
    }
  }

  private void decryptFile(FileSystem inFs, Path file, String name, Map<String, String> context,
      FileSystem outFs, Path target) throws IOException {
    if (outFs.exists(target)) {
      throw TrainguardException.usage("Cannot decrypt " + name + ": " + target + " exists");
    }
    Path partial = new Path(target.getParent(), "." + target.getName() + PARTIAL);
    boolean done = false;
    try (InputStream cipher = inFs.open(file);
        InputStream plain = EnvelopeCipher.decrypt(key, cipher, context);
        OutputStream out = Storage.create(outFs, partial, true)) {
      plain.transferTo(out);
      done = true;
    } catch (DecryptionException e) {
      throw TrainguardException.input("Cannot decrypt " + name + ": " + e.getMessage());
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot decrypt " + name + ": " + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage("Cannot decrypt " + name + ": " + e.getMessage());
    } finally {
      if (!done) {
        outFs.delete(partial, false);
      }
    }
    if (!outFs.rename(partial, target)) {
      outFs.delete(partial, false);
      throw new IOException("cannot rename decrypted file to " + target);
    }
  }

  /** A Parquet file with modular encryption, written back as plaintext Parquet. */
  private void decryptColumnar(Path file, String name, FileSystem outFs, Path target)
      throws IOException {
    if (outFs.exists(target)) {
      throw TrainguardException.usage("Cannot decrypt " + name + ": " + target + " exists");
    }
    Path partial = new Path(target.getParent(), "." + target.getName() + PARTIAL);
    boolean done = false;
    try (OutputStream out = Storage.create(outFs, partial, true)) {
      ParquetEncryption.decrypt(ParquetEncryption.readerConf(conf, key.spec()), file,
          new StreamOutputFile(new NonClosingOutputStream(out), name));
      done = true;
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot decrypt " + name + ": " + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage("Cannot decrypt " + name + ": " + e.getMessage());
    } catch (ParquetCryptoRuntimeException e) {
      throw TrainguardException.input("Cannot decrypt " + name + ": the key does not open it,"
          + " or it was damaged");
    } finally {
      if (!done) {
        outFs.delete(partial, false);
      }
    }
    if (!outFs.rename(partial, target)) {
      outFs.delete(partial, false);
      throw new IOException("cannot rename decrypted file to " + target);
    }
  }

  static byte[] readAll(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
