package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile and malformed inputs, generated here: each gets the exit code of DESIGN.md,
 * one error line naming the file (and row or line) that never quotes the data, and no _SUCCESS
 * unless it succeeded. Every input carries the marker below; it must not reach stderr or stdout.
 */
class HostileInputTest {

  private static final String MARKER = "HOSTILE-7Q-MARKER";
  private static final byte[] NONE = null;

  @TempDir
  static Path shared;
  static String key;

  @BeforeAll
  static void setUp() {
    SparkTestSession.get();
    Path keyFile = shared.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    key = "local:" + keyFile;
  }

  /** A hostile case: input files (relative path to bytes), extra arguments, expected outcome. */
  record Case(String name, Map<String, byte[]> files, List<String> extraArgs, int exitCode,
      String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, byte[]> file(String name, byte[] bytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(name, bytes);
    return m;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static Stream<Arguments> cases() {
    String m = MARKER;
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("unbalanced quote", file("a.csv", utf8("x,y\n1,\"" + m + "\n2,3\n")),
        List.of(), 2, "Malformed CSV in a.csv at row 2 (line 2): unterminated quoted cell"));
    cases.add(new Case("ragged row", file("a.csv", utf8("x,y\n1,2\n3," + m + ",5\n")),
        List.of(), 2, "Malformed CSV in a.csv at row 3 (line 3): expected 2 cells, found 3"));
    cases.add(new Case("text after closing quote", file("a.csv", utf8("x,y\n\"a\"" + m + ",2\n")),
        List.of(), 2, "Malformed CSV in a.csv at row 2, column 1: characters after a closing"));
    cases.add(new Case("invalid UTF-8 byte", file("a.csv", concat(utf8("x\nok\n" + m),
        new byte[] {(byte) 0xC3, 'x'}, utf8("\n"))), List.of(), 2,
        "Invalid UTF-8 in a.csv at line 3"));
    cases.add(new Case("Latin-1 text", file("a.txt", (m + " caf\u00e9\n")
        .getBytes(StandardCharsets.ISO_8859_1)), List.of(), 2, "Invalid UTF-8 in a.txt at line 1"));
    cases.add(new Case("UTF-16 with BOM", file("a.txt", (m + " hello\n")
        .getBytes(StandardCharsets.UTF_16)), List.of(), 2, "Invalid UTF-8 in a.txt at line 1"));
    cases.add(new Case("overlong UTF-8 encoding", file("a.txt", concat(utf8(m),
        new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\n"))), List.of(), 2,
        "Invalid UTF-8 in a.txt at line 1"));
    cases.add(new Case("UTF-8 surrogate half", file("a.txt", concat(utf8(m),
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\n"))), List.of(), 2,
        "Invalid UTF-8 in a.txt at line 1"));
    cases.add(new Case("line over 64 Mi chars", file("a.txt", utf8(m + "z".repeat(64 * 1024 * 1024)
        + "\n")), List.of(), 2, "Cannot read a.txt: line 1 is longer than 67108864 chars"));
    cases.add(new Case("deeply nested JSON", file("a.jsonl", utf8("{\"k\": " + "[".repeat(5000)
        + "\"" + m + "\"" + "]".repeat(5000) + "}\n")), List.of(), 2,
        "Malformed JSONL in a.jsonl at line 1: JSON exceeds parser limits"));
    cases.add(new Case("truncated JSON line", file("a.jsonl", utf8("{\"ok\": 1}\n{\"t\": \"" + m
        + "\n")), List.of(), 2, "Malformed JSONL in a.jsonl at line 2"));
    cases.add(new Case("two JSON values on a line", file("a.jsonl", utf8("{\"t\": \"" + m
        + "\"} {}\n")), List.of(), 2, "a.jsonl at line 1: more than one JSON value"));
    cases.add(new Case("bare word instead of JSON", file("a.jsonl", utf8(m + "\n")), List.of(), 2,
        "Malformed JSONL in a.jsonl at line 1"));
    cases.add(new Case("catastrophic regex in a user pack", file("a.csv", utf8("id,note\n1,\""
        + ",".repeat(60) + m + "\"\n")), List.of("--pack", "evil"), 2,
        "Cannot scan a.csv at row 2, column note: Recognizer EvilRecognizer pattern nested"
            + " exceeded its matching budget"));
    cases.add(new Case("key block with no END over 1 MiB", file("a.txt", utf8("intro\n"
        + "-----BEGIN RSA PRIVATE KEY-----\n" + (m + "\n").repeat(70_000))), List.of(), 2,
        "Cannot read a.txt: private key block at line 2 is longer than 1048576 chars"));
    cases.add(new Case("unsupported file type", file("a.bin", utf8(m)), List.of(), 1,
        "Unsupported file type: a.bin"));
    cases.add(new Case("truncated gzip", file("a.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0}),
        List.of(), 2, "Cannot decompress a.csv.gz: corrupt or truncated gzip data"));
    cases.add(new Case("only hidden files", file("_hidden.csv", utf8("x\n" + m + "\n")),
        List.of(), 2, "No data files under"));
    cases.add(new Case("policy with unknown operator", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--policy", "unknown-operator"), 1, "entities.EMAIL_ADDRESS"));
    cases.add(new Case("policy with unknown key", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--policy", "unknown-key"), 1, "colums"));
    cases.add(new Case("pack that is not YAML", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--pack", "not-yaml"), 1, "not valid YAML or JSON"));
    cases.add(new Case("pack regex Java cannot run", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--pack", "bad-regex"), 1, "Invalid pattern p of recognizer Broken"));
    cases.add(new Case("keyring others can read", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--key", "open-keyring"), 1, "group or others can access it"));
    cases.add(new Case("keyring that is not JSON", file("a.csv", utf8("x\n" + m + "\n")),
        List.of("--key", "junk-keyring"), 1, "Cannot read keyring"));
    cases.add(new Case("Parquet extension on text",
        file("a.parquet", utf8(m + ",bo@example.org\n")), List.of(), 2,
        "Malformed Parquet in a.parquet at the footer"));
    cases.add(new Case("Parquet with a garbage footer",
        file("a.parquet", utf8("PAR1" + m + "PAR1")), List.of(), 2,
        "Malformed Parquet in a.parquet at the footer"));
    // Inputs that are odd but valid: processed, nothing lost.
    cases.add(new Case("empty file", file("a.csv", new byte[0]), List.of(), 0, null));
    cases.add(new Case("header only", file("a.csv", utf8("x,y\n")), List.of(), 0, null));
    cases.add(new Case("UTF-8 BOM", file("a.csv", utf8("\uFEFFx,y\n1," + m + "\n")), List.of(), 0,
        null));
    cases.add(new Case("NUL bytes in a cell", file("a.csv", utf8("x,y\n1,a\u0000" + m + "\n")),
        List.of(), 0, null));
    cases.add(new Case("mixed line endings", file("a.txt", utf8("a\r\nb\n" + m + "\rc")),
        List.of(), 0, null));
    cases.add(new Case("blank lines only", file("a.csv", utf8("x,y\n\n\n\n")), List.of(), 0, null));
    cases.add(new Case("10 MB cell", file("a.csv", utf8("x,y\n1,\"" + m + " "
        + "lorem ipsum ".repeat(900_000) + "bo@example.org\"\n")), List.of(), 0, null));
    cases.add(new Case("quoted cell over 200,000 lines", file("a.csv", utf8("x,y\n1,\""
        + (m + " line\n").repeat(200_000) + "\"\n")), List.of(), 0, null));
    cases.add(new Case("unicode and spaces in file names",
        file("r\u00e9sum\u00e9 s/\u00fcber 1.csv", utf8("x\n" + m + "\n")), List.of(), 0, null));
    cases.add(new Case("JSON scalar lines", file("a.jsonl", utf8("\"mail bo@example.org\"\n42\n"
        + "null\n\"" + m + "\"\n")), List.of(), 0, null));
    return cases.stream().map(Arguments::of);
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInput(Case c) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
      Path p = in.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    List<String> args = new ArrayList<>(List.of("protect", "--input", in.toString(), "--output",
        dir.resolve("out").toString()));
    boolean keyGiven = false;
    for (int i = 0; i < c.extraArgs().size(); i += 2) {
      String option = c.extraArgs().get(i);
      args.add(option);
      args.add(resource(option, c.extraArgs().get(i + 1)));
      keyGiven |= option.equals("--key");
    }
    if (!keyGiven) {
      args.addAll(List.of("--key", key));
    }
    TrainguardCliTest.Run r = TrainguardCliTest.run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isEqualTo(c.exitCode());
    assertThat(r.err() + r.out()).doesNotContain(MARKER);
    if (c.exitCode() != 0) {
      assertThat(r.err()).contains("trainguard: error: " ).contains(c.messagePart());
      assertThat(r.err().lines().filter(l -> l.startsWith("trainguard: error:")).count())
          .isEqualTo(1);
      assertThat(dir.resolve("out/_SUCCESS")).doesNotExist();
    } else {
      assertThat(dir.resolve("out/_SUCCESS")).exists();
      String accounting = Files.readString(dir.resolve("out/_trainguard/manifest.json"));
      assertThat(accounting).contains("\"balanced\" : true");
      Path plain = dir.resolve("plain");
      assertThat(TrainguardCliTest.run("decrypt", "--key", key, "--input",
          dir.resolve("out").toString(), "--output", plain.toString()).code()).isZero();
      try (Stream<Path> files = Files.walk(plain)) {
        assertThat(files.filter(Files::isRegularFile).count())
            .as("one decrypted file per input").isEqualTo(c.files().size());
      }
    }
  }

  /** Writes the pack, policy or keyring a case names and returns its argument. */
  private String resource(String option, String name) throws Exception {
    Path p = dir.resolve(name + ".yaml");
    switch (name) {
      case "evil" -> Files.writeString(p, "recognizers:\n  - name: EvilRecognizer\n"
          + "    supported_entity: EVIL\n"
          + "    patterns: [{name: nested, regex: \"(.*,){11}x\", score: 0.9}]\n");
      case "unknown-operator" -> Files.writeString(p,
          "version: 1\nentities:\n  EMAIL_ADDRESS: explode\n");
      case "unknown-key" -> Files.writeString(p, "version: 1\ncolums:\n  a: replace\n");
      case "not-yaml" -> Files.writeString(p, "recognizers: [ {name: x\n");
      case "bad-regex" -> Files.writeString(p, "global_regex_flags: 4\nrecognizers:\n"
          + "  - name: Broken\n    supported_entity: X\n    patterns: [{name: p, regex: \"a\"}]\n");
      case "open-keyring" -> {
        Path k = dir.resolve("open.json");
        assertThat(TrainguardCliTest.run("keygen", "--out", k.toString()).code()).isZero();
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-r--r--"));
        return "local:" + k;
      }
      case "junk-keyring" -> {
        Path k = dir.resolve("junk.json");
        Files.writeString(k, "{ not json " + MARKER);
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-------"));
        return "local:" + k;
      }
      default -> throw new IllegalArgumentException(name);
    }
    return p.toString();
  }
}
