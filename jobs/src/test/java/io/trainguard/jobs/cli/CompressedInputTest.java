package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed CSV and JSON Lines inputs, written by libraries other than the ones trainguard reads
 * them with where one exists (Hadoop's snappy and lz4 framings have no other writer), protected
 * and compressed back the same way.
 */
class CompressedInputTest {

  private static final String CSV = "id,note\n1,mail ann@example.com\n2,hello\n";
  private static final String CSV_OUT = "id,note\n1,mail <EMAIL_ADDRESS>\n2,hello\n";
  private static final String JSONL = "{\"id\":1,\"text\":\"mail ann@example.com\"}\n"
      + "{\"id\":2,\"text\":\"hello\"}\n";
  private static final String JSONL_OUT = "{\"id\":1,\"text\":\"mail <EMAIL_ADDRESS>\"}\n"
      + "{\"id\":2,\"text\":\"hello\"}\n";

  @TempDir
  static Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  /** Compresses or decompresses a stream. */
  private interface Codec {
    OutputStream out(OutputStream out) throws Exception;

    InputStream in(InputStream in) throws Exception;
  }

  private static Codec hadoop(Class<? extends CompressionCodec> type) {
    CompressionCodec codec = ReflectionUtils.newInstance(type, new Configuration());
    return new Codec() {
      public OutputStream out(OutputStream out) throws Exception {
        return codec.createOutputStream(out);
      }

      public InputStream in(InputStream in) throws Exception {
        return codec.createInputStream(in);
      }
    };
  }

  private static final Codec GZ = new Codec() {
    public OutputStream out(OutputStream out) throws Exception {
      return new GZIPOutputStream(out);
    }

    public InputStream in(InputStream in) throws Exception {
      return new GZIPInputStream(in);
    }
  };

  private static final Codec BZ2 = new Codec() {
    public OutputStream out(OutputStream out) throws Exception {
      return new BZip2CompressorOutputStream(out);
    }

    public InputStream in(InputStream in) throws Exception {
      return new BZip2CompressorInputStream(in);
    }
  };

  private static final Codec ZST = new Codec() {
    public OutputStream out(OutputStream out) throws Exception {
      return new ZstdOutputStream(out);
    }

    public InputStream in(InputStream in) throws Exception {
      return new ZstdInputStream(in);
    }
  };

  private static final Codec DEFLATE = new Codec() {
    public OutputStream out(OutputStream out) throws Exception {
      return new DeflaterOutputStream(out);
    }

    public InputStream in(InputStream in) throws Exception {
      return new InflaterInputStream(in);
    }
  };

  private static void write(Path file, String text, Codec codec) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = codec.out(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, bytes.toByteArray());
  }

  private static String read(Path file, Codec codec) throws Exception {
    try (InputStream in = codec.in(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyCodecIsReadAndTheProtectedCopyIsCompressedTheSameWay() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Codec snappy = hadoop(SnappyCodec.class);
    Codec lz4 = hadoop(Lz4Codec.class);
    write(in.resolve("a.csv.gz"), CSV, GZ);
    write(in.resolve("b.csv.bz2"), CSV, BZ2);
    write(in.resolve("c.csv.zst"), CSV, ZST);
    write(in.resolve("d.csv.snappy"), CSV, snappy);
    write(in.resolve("e.csv.lz4"), CSV, lz4);
    write(in.resolve("f.csv.deflate"), CSV, DEFLATE);
    write(in.resolve("g.jsonl.gz"), JSONL, GZ);
    write(in.resolve("h.jsonl.bz2"), JSONL, BZ2);
    write(in.resolve("i.jsonl.zst"), JSONL, ZST);
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path out = dir.resolve("out");
    Run r = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--no-encryption");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(read(out.resolve("data/a.csv.gz"), GZ)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/b.csv.bz2"), BZ2)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/c.csv.zst"), ZST)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/d.csv.snappy"), snappy)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/e.csv.lz4"), lz4)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/f.csv.deflate"), DEFLATE)).isEqualTo(CSV_OUT);
    assertThat(read(out.resolve("data/g.jsonl.gz"), GZ)).isEqualTo(JSONL_OUT);
    assertThat(read(out.resolve("data/h.jsonl.bz2"), BZ2)).isEqualTo(JSONL_OUT);
    assertThat(read(out.resolve("data/i.jsonl.zst"), ZST)).isEqualTo(JSONL_OUT);
    String manifest = Files.readString(out.resolve("_trainguard/manifest.json"));
    assertThat(manifest).contains("\"records_in\" : 18");
  }

  @Test
  void theLabelsOfACompressedFileAreScannedForPoisoning() throws Exception {
    Path in = Files.createDirectories(dir.resolve("labelled"));
    StringBuilder train = new StringBuilder("record_id,label,amount\n");
    for (int i = 1; i <= 10; i++) {
      train.append("u").append(i).append(",").append(i % 2).append(",1").append(i).append(".5\n");
    }
    write(in.resolve("train.csv.gz"), train.toString(), GZ);
    Path key = dir.resolve("key3.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path out = dir.resolve("out3");
    Run r = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--id-column", "record_id", "--label-column", "label");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("_trainguard/manifest.json")))
        .contains("\"label_column\" : \"label\",\n    \"records\" : 10,");
  }

  @Test
  void aCorruptCompressedFileIsAnInputErrorNamingIt() throws Exception {
    Path in = Files.createDirectories(dir.resolve("corrupt"));
    Files.write(in.resolve("a.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    Path key = dir.resolve("key2.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Run r = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out2").toString(), "--key", "local:" + key);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(
        "trainguard: error: Cannot decompress a.csv.gz: corrupt or truncated gzip data\n");
  }

  @Test
  void aCompressedColumnarFileIsNotSupported() throws Exception {
    Path in = Files.createDirectories(dir.resolve("columnar"));
    write(in.resolve("a.parquet.gz"), "x", GZ);
    Run r = run("scan", "--input", in.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Unsupported file type: a.parquet.gz");
  }
}
