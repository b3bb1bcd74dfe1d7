package io.trainguard.jobs.manifest;

import java.util.List;
import java.util.Set;

/**
 * Every name under the root of a protected output, relative to it and separated by {@code /}:
 * the record areas {@code data/} and {@code quarantine/}, the files under {@code _trainguard/},
 * {@code _SUCCESS}, and the suffixes of encrypted and staged files. Nothing else builds these
 * names.
 */
public final class OutputLayout {

  /** Redacted records, one output per input (or several for a document). */
  public static final String DATA = "data";
  /** Records the policy or a failure sent to review; always encrypted. */
  public static final String QUARANTINE = "quarantine";
  /** trainguard's own files. */
  public static final String METADATA = "_trainguard";
  /** Written last, only when the gate passed: a reader ignores an output without it. */
  public static final String SUCCESS = "_SUCCESS";

  /** The top-level names of an output: a run owns these and nothing else. */
  public static final Set<String> TOP_LEVEL = Set.of(DATA, QUARANTINE, METADATA, SUCCESS);
  /** The areas that hold records, each file in them listed in the manifest. */
  public static final List<String> RECORD_AREAS = List.of(DATA, QUARANTINE);

  public static final String MANIFEST = METADATA + "/manifest.json";
  public static final String REPORT = METADATA + "/report.html";
  public static final String OUTLIERS = METADATA + "/outliers.jsonl";
  public static final String LINEAGE = METADATA + "/openlineage.jsonl";
  /** The files made from the manifest, whose digests it signs as {@code derived_files}. */
  public static final Set<String> DERIVED = Set.of(REPORT, LINEAGE);
  /** The default location of the dataset secret. */
  public static final String DATASET_SECRET = METADATA + "/dataset-secret.enc";
  /** The original names of inputs shown under pseudonyms, encrypted. */
  public static final String NAMES = METADATA + "/names.enc";
  /** The lease of the run writing the output. */
  public static final String RUN_LEASE = METADATA + "/_RUN";
  /** The journal of a rewrap under way. */
  public static final String REWRAP_JOURNAL = METADATA + "/rewrap.json";

  /** The suffix of a file in the AWS Encryption SDK message format. */
  public static final String ENCRYPTED = ".enc";
  /** The suffix of a file rewrap has written under the new key but not yet moved into place. */
  public static final String REWRAP_STAGED = ".rewrap";
  /** The name prefix of decrypt's private staging directory inside its destination. */
  public static final String DECRYPT_STAGING = ".trainguard-decrypt-";

  private static final String DOCUMENT_TEXT = ".txt";
  private static final String PART = ".part-%05d";
  private static final String DOCUMENT_METADATA = ".metadata.json";

  private OutputLayout() {}

  /** The encrypted data output of the input at {@code relative} (relative to the input root). */
  public static String data(String relative) {
    return DATA + "/" + relative + ENCRYPTED;
  }

  /** The data output of a Parquet input whose encryption is inside the file (columnar). */
  public static String columnarData(String relative) {
    return DATA + "/" + relative;
  }

  /** The quarantined records of the input at {@code relative}. */
  public static String quarantine(String relative) {
    return QUARANTINE + "/" + relative + ENCRYPTED;
  }

  /**
   * Part {@code index} of {@code output} when its input is split: {@code data/a.csv.enc} has
   * the parts {@code data/a.csv.part-00000.enc}, {@code data/a.csv.part-00001.enc}, ...
   * (without {@code .enc} when {@code output} has none).
   */
  public static String part(String output, int index) {
    String suffix = output.endsWith(ENCRYPTED) ? ENCRYPTED : "";
    return output.substring(0, output.length() - suffix.length())
        + String.format(java.util.Locale.ROOT, PART, index) + suffix;
  }

  /** The redacted text of a document. */
  public static String documentText(String relative) {
    return data(relative + DOCUMENT_TEXT);
  }

  /** The redacted metadata of a document. */
  public static String documentMetadata(String relative) {
    return data(relative + DOCUMENT_METADATA);
  }

  /** The lines of a document's text that the policy quarantines. */
  public static String documentTextQuarantine(String relative) {
    return quarantine(relative + DOCUMENT_TEXT);
  }

  /** The name of a data output written without encryption: no {@code .enc}. */
  public static String plaintext(String output) {
    return inData(output) && output.endsWith(ENCRYPTED)
        ? output.substring(0, output.length() - ENCRYPTED.length()) : output;
  }

  /** Whether {@code path} lies under {@code data/}. */
  public static boolean inData(String path) {
    return path.startsWith(DATA + "/");
  }

  /** Whether {@code path} lies under {@code quarantine/}. */
  public static boolean inQuarantine(String path) {
    return path.startsWith(QUARANTINE + "/");
  }

  /**
   * Whether {@code path} may name a listed output: under {@code data/} or {@code quarantine/},
   * with no empty, {@code .} or {@code ..} segment.
   */
  public static boolean isRecordPath(String path) {
    if (!inData(path) && !inQuarantine(path)) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** A record path without its area: {@code data/a/b.csv.enc} is {@code a/b.csv.enc}. */
  public static String withinArea(String path) {
    return path.substring(path.indexOf('/') + 1);
  }

  /**
   * The name of an encrypted file once decrypted, or null when it does not end in {@code .enc}
   * after a non-empty file name.
   */
  public static String decryptedName(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    if (!name.endsWith(ENCRYPTED) || name.length() == ENCRYPTED.length()) {
      return null;
    }
    return relative.substring(0, relative.length() - ENCRYPTED.length());
  }

  /** Who made a decrypt staging directory: a process on a host. */
  public record StagingOwner(long pid, String host) {}

  /** The name prefix of the staging directory of a decrypt run by {@code pid} on {@code host}. */
  public static String decryptStaging(long pid, String host) {
    return DECRYPT_STAGING + pid + "@" + host + "-";
  }

  /** Who made the decrypt staging directory {@code name}, or null if it is not one. */
  public static StagingOwner decryptStagingOwner(String name) {
    if (!name.startsWith(DECRYPT_STAGING)) {
      return null;
    }
    String rest = name.substring(DECRYPT_STAGING.length());
    int at = rest.indexOf('@');
    int dash = rest.lastIndexOf('-');
    if (at <= 0 || dash <= at + 1) {
      return null;
    }
    try {
      return new StagingOwner(Long.parseLong(rest.substring(0, at)), rest.substring(at + 1, dash));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code relative} under the output root written as {@code root}, for messages and links. */
  public static String under(String root, String relative) {
    return (root.endsWith("/") ? root : root + "/") + relative;
  }
}
