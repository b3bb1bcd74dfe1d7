package io.trainguard.jobs.output;

import io.trainguard.encryption.Signer;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.protect.InputSelection;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks an output against its manifest: the signature under the given key, the signed gate
 * decision, {@code _SUCCESS}, that {@code data/} and {@code quarantine/} hold exactly the listed
 * files, and the size and SHA-256 as stored now of every listed file and of the signed files of
 * {@code _trainguard/} (the original names, the dataset secret, the outliers, the report, the
 * OpenLineage events). Output paths
 * resolve against the output root, the manifest's grandparent, so a copied output tree verifies
 * too.
 */
public final class Verifier {

  /**
   * The verdict: every problem found (a failed gate is one), none when the output may be used.
   * {@code inputsChecked} is -1 when no input was given. {@code gateFailed} is true only when
   * the signature holds and the signed gate failed.
   */
  public record Report(int outputsChecked, int inputsChecked, List<String> problems,
      boolean gateFailed) {

    public Report {
      problems = List.copyOf(problems);
    }

    public boolean holds() {
      return problems.isEmpty();
    }

    /** 0 when the output holds, 3 when its signed gate failed, else 2. */
    public ExitCode exitCode() {
      return holds() ? ExitCode.OK : gateFailed ? ExitCode.GATE_FAILED : ExitCode.INPUT;
    }
  }

  private final Configuration conf;

  public Verifier(Configuration conf) {
    this.conf = conf;
  }

  /** Checks {@code manifestUri} against {@code signer}, the key the caller expects to have signed. */
  public Report verify(String manifestUri, Signer signer) {
    return verify(manifestUri, signer, null, InputSelection.ALL);
  }

  /**
   * As {@link #verify(String, Signer)}, and, when {@code inputUri} is not null and the signature
   * holds, that the signed inputs are the files of the input at {@code inputUri} that
   * {@code selection}'s globs select, as they are now.
   */
  public Report verify(String manifestUri, Signer signer, String inputUri,
      InputSelection selection) {
    Path manifestPath = Storage.path(manifestUri);
    try {
      FileSystem fs = Storage.fileSystem(manifestPath, conf);
      SignedOutput output = SignedOutput.check(fs, manifestPath, signer);
      List<String> problems = new ArrayList<>();
      if (output.signatureProblem() != null) {
        problems.add("signature: " + output.signatureProblem());
      }
      boolean gateFailed = output.signatureProblem() == null && !output.gatePassed();
      if (gateFailed) {
        problems.add("gate: failed (" + output.gateReasons() + ")");
      }
      problems.addAll(output.problems());
      Path root = manifestPath.getParent().getParent();
      List<SignedOutput.Listed> signed = new ArrayList<>(output.listed());
      signed.addAll(output.signedMetadata());
      for (SignedOutput.Listed listed : signed) {
        Path file = new Path(root, listed.path());
        if (!fs.exists(file)) {
          continue; // reported as missing
        }
        FileStatus status = fs.getFileStatus(file);
        if (status.getLen() != listed.size()) {
          problems.add(listed.path() + ": size is " + status.getLen() + ", manifest says "
              + listed.size());
        } else if (!Storage.sha256(fs, file).equals(listed.sha256())) {
          problems.add(listed.path() + ": SHA-256 differs from the manifest");
        }
      }
      int inputsChecked = -1;
      if (inputUri != null && output.signatureProblem() == null) {
        Path input = Storage.path(inputUri);
        problems.addAll(SignedInputs.check(Storage.fileSystem(input, conf), input,
            selection.globs(), output.manifest()));
        inputsChecked = output.manifest().inputs().size();
      }
      return new Report(output.listed().size(), inputsChecked, problems, gateFailed);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot verify " + manifestPath + ": "
          + e.getClass().getSimpleName(), e);
    }
  }
}
