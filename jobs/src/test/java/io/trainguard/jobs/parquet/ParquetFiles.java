package io.trainguard.jobs.parquet;

import io.trainguard.jobs.format.StreamOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Parquet test inputs (flat, nested struct, list of structs, DATE, INT64) and readers. */
public final class ParquetFiles {

  public static final MessageType PEOPLE = MessageTypeParser.parseMessageType("""
      message people {
        required int64 record_id;
        optional binary email (STRING);
        optional binary note (STRING);
        optional int32 birth_date (DATE);
        optional binary ssn (STRING);
        optional group user {
          optional binary email (STRING);
          optional binary team (STRING);
        }
        optional group items (LIST) {
          repeated group list {
            optional group element {
              optional binary email (STRING);
              optional int64 qty;
            }
          }
        }
        optional int64 amount;
      }
      """);

  private ParquetFiles() {}

  /** One record of {@link #PEOPLE}; null leaves stay unset, {@code items} null: no list. */
  public static Group person(MessageType schema, long id, String email, String note,
      String birthDate, String ssn, String[] user, List<Object[]> items, Long amount) {
    Group g = new SimpleGroup(schema);
    g.add("record_id", id);
    if (email != null) {
      g.add("email", email);
    }
    if (note != null) {
      g.add("note", note);
    }
    if (birthDate != null && schema.containsField("birth_date")) {
      g.add("birth_date", (int) LocalDate.parse(birthDate).toEpochDay());
    }
    if (ssn != null && schema.containsField("ssn")) {
      g.add("ssn", ssn);
    }
    if (user != null) {
      Group u = g.addGroup("user");
      u.add("email", user[0]);
      u.add("team", user[1]);
    }
    if (items != null) {
      Group list = g.addGroup("items");
      for (Object[] item : items) {
        Group element = list.addGroup("list").addGroup("element");
        element.add("email", (String) item[0]);
        element.add("qty", (long) item[1]);
      }
    }
    if (amount != null) {
      g.add("amount", amount);
    }
    return g;
  }

  public static void write(Path file, MessageType schema, List<Group> records) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        ParquetWriter<Group> writer = ParquetEncryption.writer(
            new StreamOutputFile(out, file.getFileName().toString()), schema,
            CompressionCodecName.SNAPPY, null, new Configuration())) {
      for (Group g : records) {
        writer.write(g);
      }
    }
  }

  /** Flat, nested struct, list of structs, DATE and INT64; record 3 holds an AWS key. */
  public static List<Group> people() {
    return List.of(
        person(PEOPLE, 1, "ana.perez@example.com", "call 212-555-0187 after 5", "1985-03-12",
            "536-22-8049", new String[] {"ana@example.com", "blue"},
            List.of(new Object[] {"x1@example.com", 2L}, new Object[] {"x2@example.net", 3L}),
            1234L),
        person(PEOPLE, 2, "bo@example.org", "nothing here, see page 12", null, null, null,
            List.of(), 7L),
        person(PEOPLE, 3, "carl@example.com", "key AKIAIOSFODNN7EXAMPLE leaked", "1990-01-01",
            null, null, null, null));
  }

  /** The schema and records of a Parquet file; {@code conf} with decryption settings or not. */
  /** A Parquet file's schema and records. */
  public record Content(MessageType schema, List<Group> records) {
    public List<String> lines() {
      return records.stream().map(Group::toString).toList();
    }
  }

  public static Content read(Path file, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    ParquetReadOptions options = conf.get("parquet.crypto.factory.class") == null
        ? HadoopReadOptions.builder(conf, path).build()
        : HadoopReadOptions.builder(conf, path).withDecryption(
            new PropertiesDrivenCryptoFactory().getFileDecryptionProperties(conf, path)).build();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf),
        options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      List<Group> records = new ArrayList<>();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> rows = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          records.add(rows.read());
        }
      }
      return new Content(schema, records);
    }
  }
}
