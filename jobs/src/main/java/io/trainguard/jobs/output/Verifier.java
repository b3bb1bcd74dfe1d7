package io.trainguard.jobs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.Signer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a manifest: its signature under the given key, then every listed output's size and
 * SHA-256 as stored now. Output paths resolve against the output root, the manifest's
 * grandparent, so a copied output tree verifies too.
 */
public final class Verifier {

  /** The verdict: the problems found, none when everything holds. */
  public record Report(int outputsChecked, List<String> problems) {
    public boolean holds() {
      return problems.isEmpty();
    }
  }

  private final Configuration conf;

  public Verifier(Configuration conf) {
    this.conf = conf;
  }

  /** Checks {@code manifestUri} against {@code signer}, the key the caller expects to have signed. */
  public Report verify(String manifestUri, Signer signer) {
    Path manifestPath = Storage.path(manifestUri);
    List<String> problems = new ArrayList<>();
    try {
      FileSystem fs = Storage.fileSystem(manifestPath, conf);
      ObjectNode manifest;
      try {
        manifest = Manifest.parse(Decryptor.readAll(fs, manifestPath));
      } catch (FileNotFoundException e) {
        throw TrainguardException.input("Manifest not found: " + manifestPath);
      } catch (IOException e) {
        throw TrainguardException.input("Invalid manifest " + manifestPath + ": not a trainguard"
            + " manifest");
      }
      String signatureProblem = ManifestSignature.check(manifest, signer);
      if (signatureProblem != null) {
        problems.add("signature: " + signatureProblem);
      }
      Path root = manifestPath.getParent().getParent();
      int checked = 0;
      for (JsonNode out : manifest.path("outputs")) {
        String rel = out.path("path").asText();
        Path file = new Path(root, rel);
        checked++;
        FileStatus status;
        try {
          status = fs.getFileStatus(file);
        } catch (FileNotFoundException e) {
          problems.add(rel + ": missing");
          continue;
        }
        if (status.getLen() != out.path("size").asLong()) {
          problems.add(rel + ": size is " + status.getLen() + ", manifest says "
              + out.path("size").asLong());
        } else if (!Storage.sha256(fs, file).equals(out.path("sha256").asText())) {
          problems.add(rel + ": SHA-256 differs from the manifest");
        }
      }
      return new Report(checked, problems);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot verify " + manifestPath + ": " + e.getMessage(), e);
    }
  }
}
