package io.trainguard.jobs.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated leaves, maps, unannotated binaries and typed leaves, without Spark. */
class ParquetRedactorTest {

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message t {
        required int64 id;
        repeated binary tags (STRING);
        optional group attrs (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional binary value (STRING);
          }
        }
        optional binary raw;
        optional int32 dob (DATE);
        optional int64 account_id;
      }
      """);
  private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe};

  @TempDir
  Path dir;

  static ValueProtector protector(Policy policy) {
    return new ValueProtector(Analyzer.defaults(), policy,
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));
  }

  static Group record(MessageType schema, long id, List<String> tags, Map<String, String> attrs,
      byte[] raw, String dob, Long accountId) {
    Group g = new SimpleGroup(schema);
    g.add("id", id);
    tags.forEach(t -> g.add("tags", t));
    if (attrs != null && schema.containsField("attrs")) {
      Group map = g.addGroup("attrs");
      attrs.forEach((k, v) -> map.addGroup("key_value").append("key", k).append("value", v));
    }
    g.add("raw", Binary.fromConstantByteArray(raw));
    if (dob != null && schema.containsField("dob")) {
      g.add("dob", (int) LocalDate.parse(dob).toEpochDay());
    }
    if (accountId != null) {
      g.add("account_id", accountId);
    }
    return g;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Redacts {@code records} written under {@code schema}; returns the data file. */
  Path redact(MessageType schema, List<Group> records, Policy policy, FileStats stats)
      throws IOException {
    Path in = dir.resolve("t.parquet");
    ParquetFiles.write(in, schema, records);
    Path data = dir.resolve("data.parquet");
    ParquetSinks sinks = new ParquetSinks() {
      @Override
      public ParquetWriter<Group> data(MessageType s, CompressionCodecName codec,
          Set<String> personal) throws IOException {
        return ParquetEncryption.writer(new StreamOutputFile(Files.newOutputStream(data), "d"),
            s, codec, null, new Configuration());
      }

      @Override
      public ParquetWriter<Group> quarantine(MessageType s, CompressionCodecName codec) {
        throw new AssertionError("nothing is quarantined here");
      }
    };
    new ParquetRedactor(protector(policy), "t.parquet", "id", MacieHints.NONE,
        io.trainguard.jobs.format.FlaggedRecords.NONE).redact(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(in.toUri()), new Configuration()),
        sinks, stats);
    return data;
  }

  @Test
  void redactsRepeatedLeavesMapValuesAndUtf8BinariesAndNullsTypedResultsThatDoNotFit()
      throws IOException {
    FileStats stats = new FileStats();
    Path data = redact(SCHEMA, List.of(
        record(SCHEMA, 1, List.of("mail bo@example.org", "plain"),
            Map.of("k1", "ana@example.com is here"), utf8("x@example.com"), "1985-03-12",
            2125550187L),
        record(SCHEMA, 2, List.of(), Map.of("k2", "nothing"), NOT_UTF8, null, 5L)),
        Policy.strict(), stats);

    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema()).isEqualTo(SCHEMA);
    assertThat(out.lines()).containsExactly(
        record(SCHEMA, 1, List.of("mail <EMAIL_ADDRESS>", "plain"),
            Map.of("k1", "<EMAIL_ADDRESS> is here"), utf8("<EMAIL_ADDRESS>"), null,
            2125550187L).toString(),
        record(SCHEMA, 2, List.of(), Map.of("k2", "nothing"), NOT_UTF8, null, 5L).toString());
    assertThat(out.records().get(1).getBinary("raw", 0).getBytes()).isEqualTo(NOT_UTF8);
    assertThat(stats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("raw=EMAIL_ADDRESS", "dob=DATE_TIME");
    assertThat(stats.fieldsByEntity().get("EMAIL_ADDRESS"))
        .containsExactly("attrs[].value", "raw", "tags[]");
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("dob", 1L));
    assertThat(stats.records()).isEqualTo(2);
    assertThat(stats.written()).isEqualTo(2);
  }

  @Test
  void dropColumnPrunesTheSchemaAndAMapThatLosesItsValueGoesWhole() throws IOException {
    Policy policy = Policy.parse(new ByteArrayInputStream(utf8("""
        version: 1
        columns:
          "attrs[].value": drop_column
          dob: drop_column
        """)), "drop.yaml");
    Path data = redact(SCHEMA, List.of(record(SCHEMA, 1, List.of("plain"), Map.of("k", "v"),
        utf8("text"), "1985-03-12", 9L)), policy, new FileStats());

    MessageType expected = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          repeated binary tags (STRING);
          optional binary raw;
          optional int64 account_id;
        }
        """);
    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema()).isEqualTo(expected);
    assertThat(out.lines()).containsExactly(
        record(expected, 1, List.of("plain"), null, utf8("text"), null, 9L).toString());
  }

  @Test
  void aResultThatDoesNotFitARequiredTypedColumnFailsTheFileWithoutTheValue() {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          required int32 birth_date (DATE);
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("birth_date", (int) LocalDate.parse("1985-03-12").toEpochDay());
    assertThatThrownBy(() -> redact(schema, List.of(g), Policy.strict(), new FileStats()))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Cannot protect t.parquet at record 0, field birth_date: the operator's"
            + " result does not fit its required INT32 column (use drop_column or an operator"
            + " that keeps the type)");
  }
}
