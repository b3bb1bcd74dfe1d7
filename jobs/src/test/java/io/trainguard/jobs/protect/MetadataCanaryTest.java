package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.DebugLogCapture;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canaries in what surrounds the values (sibling of {@link NoLeakCanaryTest}, which plants
 * values): names of files, directories, columns, keys and document properties, the ids of
 * flagged records, a PDF's font name and {@code --conf} secrets. One {@code protect} run through
 * the command line; then every byte it wrote is searched: the output (object names and
 * contents), the outputs after decryption, stdout, stderr, every log event at DEBUG and files
 * left in the temp directory.
 *
 * <p>To cover another place, add its canary to {@link #CANARIES} and plant it in
 * {@link #plant}. Not covered yet: Spark's event log (the poisoning scan's SQL plans name the
 * input files it reads), Parquet column names (kept in the Parquet schema inside the data) and
 * the object keys of Macie findings (in Macie warnings).
 */
class MetadataCanaryTest {

  /** Where each canary is planted, by what it is. */
  private static final Map<String, String> CANARIES = new LinkedHashMap<>();

  static {
    CANARIES.put("file name", EveryPlaceCanaryTest.unique("zz9canary@example.org"));
    CANARIES.put("directory name", "536-91-4827");
    CANARIES.put("CSV header", EveryPlaceCanaryTest.unique("qq7header@example.net"));
    CANARIES.put("JSON key", EveryPlaceCanaryTest.unique("kk4jsonkey@example.net"));
    CANARIES.put("document property name", EveryPlaceCanaryTest.unique("pp3docprop@example.net"));
    CANARIES.put("PDF font name", EveryPlaceCanaryTest.unique("ff2fontname@example.net"));
    CANARIES.put("--id-column value of a flagged record", EveryPlaceCanaryTest.unique("ii8record@example.net"));
    CANARIES.put("--conf SSE-C key", "SSECcanary0001");
    CANARIES.put("--conf Azure account key", "AZcanary0002");
    CANARIES.put("--conf endpoint password", "EPcanary0003");
    CANARIES.put("--conf GCS private key", "GCScanary0004");
    CANARIES.put("--conf *.pwd", "PWDcanary0005");
    CANARIES.put("--conf *.apikey", "APIKEYcanary0006");
    CANARIES.put("--conf *.api-key", "APIDASHcanary0007");
    CANARIES.put("--conf *.passphrase", "PASSPHRASEcanary0008");
    CANARIES.put("--conf *.privatekey", "PRIVKEYcanary0009");
    CANARIES.put("--conf *.auth", "AUTHcanary0010");
    CANARIES.put("--conf *.jks.pass", "JKScanary0011");
  }

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void noCanaryEscapesAnywhere() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<String> conf = plant(in);
    Path keyring = dir.resolve("key.json");
    LocalKeyring key = LocalKeyring.generate(keyring);
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: flag\n  detectors:\n"
        + "    feature_outliers: {enabled: false}\n    label_flips: {enabled: false}\n"
        + "    backdoor_triggers: {enabled: false}\n");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("protect", "--input", in.toString(),
        "--output", out.toString(), "--key", "local:" + keyring, "--policy", policy.toString(),
        "--id-column", "record_id", "--label-column", "label"));
    args.addAll(conf);
    long started = System.currentTimeMillis();

    TrainguardCliTest.Run run;
    String logs;
    try (DebugLogCapture capture = new DebugLogCapture()) {
      run = TrainguardCliTest.run(args.toArray(String[]::new));
      logs = capture.text();
    }
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(logs).as("DEBUG logs were captured").contains("DEBUG");
    assertThat(out.resolve(OutputLayout.OUTLIERS)).content().contains("conflicting_duplicate");

    List<String> leaks = new ArrayList<>();
    check("stdout", run.out(), leaks);
    check("stderr", run.err(), leaks);
    check("logs", logs, leaks);
    for (Path p : files(out)) {
      check("output object name " + out.relativize(p), out.relativize(p).toString(), leaks);
      check("output " + out.relativize(p), Files.readString(p, StandardCharsets.ISO_8859_1),
          leaks);
    }
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    for (Path p : files(plain)) { // decrypt gives the original names back, by design
      check("decrypted " + p.getFileName(), Files.readString(p, StandardCharsets.ISO_8859_1),
          leaks);
    }
    Path work = io.trainguard.jobs.format.WorkDirectory.get(); // private, removed at exit
    for (Path temp : NoLeakCanaryTest.recentTempFiles(started, dir)) {
      if (temp.startsWith(work)) {
        continue;
      }
      try {
        check("temp file " + temp, Files.readString(temp, StandardCharsets.ISO_8859_1), leaks);
      } catch (java.nio.file.NoSuchFileException vanished) {
        // removed by its owner since it was listed
      }
    }
    assertThat(leaks).as("canaries found in the clear").isEmpty();
  }

  /** Writes the inputs holding the canaries; returns the {@code --conf} arguments. */
  private static List<String> plant(Path in) throws Exception {
    Files.writeString(in.resolve(canary("file name") + ".csv"),
        "id," + canary("CSV header") + ",note\n1,x,hello\n");
    Path patient = Files.createDirectories(in.resolve("patient SSN " + canary("directory name")));
    Files.writeString(patient.resolve("notes.jsonl"),
        "{\"id\":1,\"" + canary("JSON key") + "\":\"x\",\"text\":\"hi\"}\n");
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream docx = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("Nothing personal here.");
      doc.getProperties().getCustomProperties().addProperty(canary("document property name"),
          "yes");
      doc.write(docx);
      Files.write(patient.resolve("letter.docx"), docx.toByteArray());
    }
    Files.write(Files.createDirectories(in.resolve("scans")).resolve("font.pdf"),
        io.trainguard.jobs.documents.DocumentTraceTest.pdfWithFontNamed(canary("PDF font name")));
    StringBuilder train = new StringBuilder("record_id,label,amount\n");
    for (int i = 1; i <= 9; i++) {
      train.append("u").append(i).append(",").append(i % 2).append(",1").append(i).append(".5\n");
    }
    train.append(canary("--id-column value of a flagged record")).append(",0,13.5\n");
    Files.writeString(in.resolve("train.csv"), train.toString());
    return List.of(
        "--conf", "spark.hadoop.fs.s3a.encryption.key=" + canary("--conf SSE-C key"),
        "--conf", "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net="
            + canary("--conf Azure account key"),
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:"
            + canary("--conf endpoint password") + "@127.0.0.1:9000",
        "--conf", "spark.hadoop.fs.gs.auth.service.account.private.key="
            + canary("--conf GCS private key"),
        "--conf", "spark.hadoop.metastore.pwd=" + canary("--conf *.pwd"),
        "--conf", "spark.hadoop.service.apikey=" + canary("--conf *.apikey"),
        "--conf", "spark.hadoop.service.api-key=" + canary("--conf *.api-key"),
        "--conf", "spark.ssl.keyStore.passphrase=" + canary("--conf *.passphrase"),
        "--conf", "spark.hadoop.service.privatekey=" + canary("--conf *.privatekey"),
        "--conf", "spark.hadoop.proxy.auth=" + canary("--conf *.auth"),
        "--conf", "spark.ssl.trustStore.jks.pass=" + canary("--conf *.jks.pass"));
  }

  private static String canary(String place) {
    return CANARIES.get(place);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Each canary in every form {@link EveryPlaceCanaryTest#forms} searches. */
  private static void check(String where, String text, List<String> leaks) {
    CANARIES.forEach((place, canary) -> {
      for (String form : EveryPlaceCanaryTest.forms(canary)) {
        if (text.contains(form)) {
          leaks.add(place + " in " + where);
          return;
        }
      }
    });
  }
}
