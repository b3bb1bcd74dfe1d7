package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.ProtectedOutputs.copy;
import static io.trainguard.jobs.cli.ProtectedOutputs.filesUnder;
import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large line-based inputs read in slices by several tasks ({@code --split-size}, tiny here) give
 * ordered parts whose plaintexts are byte for byte those of the same inputs read whole.
 */
class SplitInputTest {

  private static final String POLICY = """
      version: 1
      default: replace
      entities:
        CREDIT_CARD: quarantine_record
      """;

  @TempDir
  static Path fixtures;
  static String key;
  static Path in;
  static Path whole;
  static Path split;
  static Path policy;

  @TempDir
  Path dir;

  @BeforeAll
  static void protectWholeAndInSlices() throws Exception {
    SparkTestSession.get();
    Path keyring = fixtures.resolve("key.json");
    assertThat(run("keygen", "--out", keyring.toString()).code()).isZero();
    key = "local:" + keyring;
    policy = fixtures.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    in = Files.createDirectories(fixtures.resolve("in"));
    StringBuilder csv = new StringBuilder("id,name,note\r\n");
    StringBuilder jsonl = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      String note = i % 13 == 0 ? "card 4111 1111 1111 1111" : i % 7 == 0
          ? "mail ana.perez" + i + "@example.com" : "ok ünïcödé 😀 " + i;
      csv.append(i).append(",Zyx Qwv").append(i % 3 == 0 ? ",\"a, \"\"quoted\"\" " : ",")
          .append(note).append(i % 3 == 0 ? "\"" : "").append(i % 5 == 0 ? "\n" : "\r\n");
      if (i % 11 == 0) {
        csv.append("\r\n"); // a blank line
      }
      jsonl.append("{\"id\": ").append(i).append(", \"note\": \"").append(note).append("\"}\n");
      text.append("line ").append(i).append(": ").append(note).append('\n');
    }
    Files.writeString(in.resolve("big.csv"), csv.toString());
    Files.writeString(in.resolve("big.jsonl"), jsonl + "{\"id\": 41, \"note\": \"end\"}");
    Files.writeString(in.resolve("notes.txt"), text.toString());
    Files.writeString(in.resolve("small.csv"), "id,note\n1,ana.perez@example.com\n");
    Files.writeString(in.resolve("multi.csv"), "id,note\n" + "1,ok\n".repeat(60)
        + "2,\"two\nlines\"\n");
    Files.writeString(in.resolve("empty.jsonl"), "");
    whole = protect("whole");
    split = protect("split", "--split-size", "200");
  }

  private static Path protect(String name, String... more) {
    Path out = fixtures.resolve(name);
    List<String> args = new ArrayList<>(List.of("protect", "--input", in.toString(), "--output",
        out.toString(), "--key", key, "--policy", policy.toString()));
    args.addAll(List.of(more));
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  private static Manifest manifest(Path out) throws Exception {
    return ManifestReader.parse(Files.readAllBytes(out.resolve(OutputLayout.MANIFEST)))
        .manifest();
  }

  private Run decrypt(Path out, String name) {
    return run("decrypt", "--key", key, "--input", out.toString(), "--output",
        dir.resolve(name).toString(), "--quarantine-to", dir.resolve(name + "-q").toString());
  }

  private static List<String> parts(String of, int count) {
    return IntStream.range(0, count).mapToObj(i -> OutputLayout.part(of, i)).toList();
  }

  @Test
  void largeFilesAreWrittenInPartsAndSmallOrMultiLineOnesWhole() throws Exception {
    List<String> data = filesUnder(split.resolve("data"));
    long bigCsv = data.stream().filter(f -> f.startsWith("big.csv.part-")).count();
    assertThat(bigCsv).isGreaterThan(5);
    assertThat(data).containsAll(parts("big.csv.enc", (int) bigCsv))
        .contains("small.csv.enc", "multi.csv.enc", "empty.jsonl.enc")
        .doesNotContain("big.csv.enc", "big.jsonl.enc", "notes.txt.enc");
    // the cards of records 13, 26 and 39: CSV's part 0 holds the header
    assertThat(filesUnder(split.resolve("quarantine"))).containsExactly(
        "big.csv.part-00000.enc", "big.csv.part-00002.enc", "big.csv.part-00006.enc",
        "big.csv.part-00009.enc", "big.jsonl.part-00002.enc", "big.jsonl.part-00006.enc",
        "big.jsonl.part-00009.enc", "notes.txt.part-00002.enc", "notes.txt.part-00004.enc",
        "notes.txt.part-00007.enc");
    assertThat(filesUnder(whole.resolve("data"))).containsExactly("big.csv.enc",
        "big.jsonl.enc", "empty.jsonl.enc", "multi.csv.enc", "notes.txt.enc", "small.csv.enc");
  }

  @Test
  void decryptJoinsThePartsIntoTheBytesOfTheWholeFile() throws Exception {
    Run w = decrypt(whole, "whole");
    Run s = decrypt(split, "split");
    assertThat(w.code()).as(w.err()).isZero();
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).isEqualTo("decrypted 6 files into " + dir.resolve("split")
        + ", 3 quarantine files into " + dir.resolve("split-q") + "\n");
    for (String area : List.of("whole", "whole-q")) {
      Path a = dir.resolve(area);
      Path b = dir.resolve(area.replace("whole", "split"));
      assertThat(filesUnder(b)).isEqualTo(filesUnder(a));
      for (String f : filesUnder(a)) {
        assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
      }
    }
    assertThat(Files.readString(dir.resolve("split-q/big.csv"))).startsWith("id,name,note\r\n")
        .containsOnlyOnce("id,name,note");
    assertThat(Files.readString(dir.resolve("split/big.jsonl"))).endsWith("\"end\"}");
  }

  @Test
  void aValueWrappedExactlyAtASliceBoundaryIsRedactedOnBothLines() throws Exception {
    // four slices of 100 bytes, cut at the wraps of an SSN, an e-mail address and an IBAN
    String text = "ok\n".repeat(29) + "SSN: 536-22-\n"
        + hundred("8045 on file.\n", "mail ana.pe\n")
        + hundred("rez@example.com now\n", "IBAN DE89 3704 0044\n")
        + hundred("0532 0130 00 paid\n", "");
    assertThat(text.length()).isEqualTo(400);
    Path wrapped = Files.createDirectories(dir.resolve("wrapped-in"));
    Files.writeString(wrapped.resolve("wrapped.txt"), text);
    Path wholeOut = dir.resolve("wrapped-whole");
    Path splitOut = dir.resolve("wrapped-split");
    for (Path out : List.of(wholeOut, splitOut)) {
      List<String> args = new ArrayList<>(List.of("protect", "--input", wrapped.toString(),
          "--output", out.toString(), "--key", key, "--policy", policy.toString()));
      if (out == splitOut) {
        args.addAll(List.of("--split-size", "100"));
      }
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      Run d = decrypt(out, out.getFileName() + "-plain");
      assertThat(d.code()).as(d.err()).isZero();
    }
    assertThat(filesUnder(splitOut.resolve("data"))).containsExactlyElementsOf(
        parts("wrapped.txt.enc", 4));
    String split = Files.readString(dir.resolve("wrapped-split-plain/wrapped.txt"));
    assertThat(split).isEqualTo(Files.readString(dir.resolve("wrapped-whole-plain/wrapped.txt")))
        .isEqualTo("ok\n".repeat(29) + "SSN: <US_SSN>\n<US_SSN> on file.\n" + dots(14, 12)
            + "mail <EMAIL_ADDRESS>\n<EMAIL_ADDRESS> now\n" + dots(20, 20)
            + "IBAN <IBAN_CODE>\n<IBAN_CODE> paid\n" + dots(18, 0));
  }

  /** The line of dots between lines of {@code first} and {@code last} bytes, 100 in all. */
  private static String dots(int first, int last) {
    return ".".repeat(100 - first - last - 1) + "\n";
  }

  /** {@code first}, a line of dots and {@code last}: 100 bytes. */
  private static String hundred(String first, String last) {
    return first + dots(first.length(), last.length()) + last;
  }

  @Test
  void theManifestListsThePartsInOrderAndCountsAsForTheWholeFile() throws Exception {
    Manifest s = manifest(split);
    Manifest w = manifest(whole);
    assertThat(ManifestSchema.violations(ManifestReader.parse(
        Files.readAllBytes(split.resolve(OutputLayout.MANIFEST))).document())).isEmpty();
    for (Manifest.Input input : s.inputs()) {
      Manifest.Input same = w.inputs().stream().filter(i -> i.path().equals(input.path()))
          .findFirst().orElseThrow();
      assertThat(input).as(input.path()).isEqualTo(new Manifest.Input(same.path(),
          input.uri(), same.etag(), same.versionId(), same.format(), same.size(), same.sha256(),
          same.records(), same.recordsWritten(), same.recordsQuarantined(),
          same.recordsDropped(), same.recordsMalformed(), same.valuesNulled(),
          same.fieldsUntouched(),
          same.operatorFallbacks(), same.quarantineReason(), same.findings(),
          same.columnPlan()));
    }
    assertThat(s.accounting()).isEqualTo(w.accounting());
    assertThat(s.findings()).isEqualTo(w.findings());
    List<Manifest.Output> csv = s.outputs().stream()
        .filter(o -> "big.csv".equals(o.source()) && o.kind() == Manifest.Kind.DATA).toList();
    int count = csv.size();
    for (int i = 0; i < count; i++) {
      Manifest.Output part = csv.get(i);
      assertThat(part.path()).isEqualTo(OutputLayout.part("data/big.csv.enc", i));
      assertThat(part.part()).isEqualTo(new Manifest.Part("data/big.csv.enc", i, count));
      assertThat(part.encryption().context()).containsEntry("trainguard:path", part.path());
      assertThat(part.sha256()).hasSize(64);
    }
    Manifest.Input bigCsv = s.inputs().stream().filter(i -> i.path().equals("big.csv"))
        .findFirst().orElseThrow();
    assertThat(csv.stream().mapToLong(Manifest.Output::records).sum())
        .isEqualTo(bigCsv.recordsWritten());
    assertThat(s.outputs().stream().filter(o -> "big.csv".equals(o.source())
        && o.kind() == Manifest.Kind.QUARANTINE).map(o -> o.part().index()))
        .containsExactly(0, 2, 6, 9);
    assertThat(bigCsv.recordsQuarantined()).isEqualTo(3);
  }

  @Test
  void verifyChecksEachPartAndThatNoneIsMissingExtraOrOutOfOrder() throws Exception {
    Run ok = verify(split);
    assertThat(ok.code()).as(ok.err()).isZero();

    Path deleted = copy(split, dir.resolve("deleted"));
    Files.delete(deleted.resolve("data/big.csv.part-00001.enc"));
    Run missing = verify(deleted);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("trainguard: verify: data/big.csv.part-00001.enc: missing\n");

    Path extra = copy(split, dir.resolve("extra"));
    Files.write(extra.resolve("data/big.csv.part-00099.enc"), new byte[] {1});
    assertThat(verify(extra).err()).contains(
        "trainguard: verify: data/big.csv.part-00099.enc: not listed in the manifest\n");

    Path swapped = resigned("swapped", outputs -> {
      int a = indexOf(outputs, "data/big.csv.part-00001.enc");
      java.util.Collections.swap(outputs, a, a + 1);
    });
    Run order = verify(swapped);
    assertThat(order.code()).isEqualTo(2);
    assertThat(order.err()).isEqualTo(
        "trainguard: verify: data/big.csv.enc: part 1 listed out of order\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(run("decrypt", "--key", key, "--input", swapped.toString(), "--output",
        dir.resolve("plain").toString()).err()).isEqualTo("trainguard: error: Cannot decrypt "
        + swapped + ": data/big.csv.enc: part 1 listed out of order\n");

    Path unlisted = resigned("unlisted", outputs -> outputs.remove(indexOf(outputs,
        "data/big.csv.part-00001.enc")));
    Files.delete(unlisted.resolve("data/big.csv.part-00001.enc"));
    Run gap = verify(unlisted);
    assertThat(gap.code()).isEqualTo(2);
    assertThat(gap.err()).startsWith("trainguard: verify: data/big.csv.enc: part 1 of ")
        .endsWith(" is not listed\ntrainguard: error: verification failed (1 problem)\n");

    Path renamed = resigned("renamed", outputs -> {
      int a = indexOf(outputs, "data/big.csv.part-00001.enc");
      Manifest.Output o = outputs.get(a);
      outputs.set(a, new Manifest.Output(o.path(), o.source(), o.kind(), o.size(), o.sha256(),
          o.records(), o.encryption(), new Manifest.Part(o.part().of(), 2, o.part().count())));
    });
    assertThat(verify(renamed).err()).contains(
        "trainguard: verify: data/big.csv.part-00001.enc: invalid part in the manifest\n");
  }

  private static int indexOf(List<Manifest.Output> outputs, String path) {
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i).path().equals(path)) {
        return i;
      }
    }
    throw new AssertionError(path);
  }

  /** A copy of the split output whose manifest lists {@code edit}ed outputs, signed again. */
  private Path resigned(String name, java.util.function.Consumer<List<Manifest.Output>> edit)
      throws Exception {
    Path out = copy(split, dir.resolve(name));
    Manifest m = manifest(out);
    List<Manifest.Output> outputs = new ArrayList<>(m.outputs());
    edit.accept(outputs);
    Manifest edited = new Manifest(m.version(), m.run(), m.config(), m.inputs(), outputs,
        m.findings(), m.accounting(), m.gate(), m.names(), m.skippedInputs(), m.poisoning(),
        m.rewraps(), m.scan(), m.derivedFiles(), null, m.otherSections());
    Files.write(out.resolve(OutputLayout.MANIFEST), ManifestWriter.bytes(
        ManifestWriter.sign(edited, KeyProviders.open(key, null).signer())));
    return out;
  }

  private static Run verify(Path out) {
    return run("verify", "--manifest", out.resolve(OutputLayout.MANIFEST).toString(), "--key",
        key);
  }
}
