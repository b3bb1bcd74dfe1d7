package io.trainguard.jobs.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Avro test inputs (nested record, array of records, map, bytes, logical types) and readers. */
public final class AvroFiles {

  public static final Schema PEOPLE = new Schema.Parser().parse("""
      {"type": "record", "name": "Person", "namespace": "test", "fields": [
        {"name": "record_id", "type": "long"},
        {"name": "email", "type": ["null", "string"]},
        {"name": "note", "type": ["null", "string"]},
        {"name": "birth_date", "type": ["null", {"type": "int", "logicalType": "date"}]},
        {"name": "ssn", "type": ["null", "string"]},
        {"name": "user", "type": ["null", {"type": "record", "name": "User", "fields": [
          {"name": "email", "type": "string"}, {"name": "team", "type": "string"}]}]},
        {"name": "items", "type": {"type": "array", "items": {"type": "record",
          "name": "Item", "fields": [
            {"name": "email", "type": "string"}, {"name": "qty", "type": "long"}]}}},
        {"name": "attrs", "type": {"type": "map", "values": "string"}},
        {"name": "raw", "type": "bytes"},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
          "precision": 10, "scale": 2}},
        {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}}
      ]}
      """);

  /** Bytes that are not UTF-8, then text: kept byte for byte when nothing is found in them. */
  public static final byte[] RAW = {(byte) 0xff, (byte) 0xfe, ' ', 'b', 'i', 'n'};

  private AvroFiles() {}

  /** One record of {@link #PEOPLE}; {@code user} null: none. */
  public static GenericRecord person(long id, String email, String note, String birthDate,
      String ssn, String[] user, List<Object[]> items, Map<String, String> attrs,
      String amount, String created) {
    GenericRecord r = new GenericData.Record(PEOPLE);
    r.put("record_id", id);
    r.put("email", email);
    r.put("note", note);
    r.put("birth_date", birthDate == null ? null : (int) LocalDate.parse(birthDate).toEpochDay());
    r.put("ssn", ssn);
    if (user != null) {
      GenericRecord u = new GenericData.Record(PEOPLE.getField("user").schema().getTypes()
          .get(1));
      u.put("email", user[0]);
      u.put("team", user[1]);
      r.put("user", u);
    }
    Schema item = PEOPLE.getField("items").schema().getElementType();
    List<GenericRecord> list = new ArrayList<>();
    for (Object[] i : items) {
      GenericRecord e = new GenericData.Record(item);
      e.put("email", i[0]);
      e.put("qty", (long) i[1]);
      list.add(e);
    }
    r.put("items", list);
    r.put("attrs", new LinkedHashMap<>(attrs));
    r.put("raw", ByteBuffer.wrap(RAW));
    Schema decimal = PEOPLE.getField("amount").schema();
    r.put("amount", new Conversions.DecimalConversion().toBytes(new BigDecimal(amount), decimal,
        LogicalTypes.decimal(10, 2)));
    r.put("created", Instant.parse(created).toEpochMilli());
    return r;
  }

  /** Three records; the third holds an AWS access key. */
  public static List<GenericRecord> people() {
    return List.of(
        person(1, "ana.perez@example.com", "call 212-555-0187 after 5", "1985-03-12",
            "536-22-8049", new String[] {"ana@example.com", "blue"},
            List.of(new Object[] {"x1@example.com", 2L}, new Object[] {"x2@example.net", 3L}),
            Map.of("contact", "bo@example.org"), "12.34", "2024-01-02T03:04:05Z"),
        person(2, "bo@example.org", "nothing here, see page 12", null, null, null, List.of(),
            Map.of(), "7.00", "2024-02-03T04:05:06Z"),
        person(3, "carl@example.com", "key AKIAIOSFODNN7EXAMPLE leaked", "1990-01-01", null,
            null, List.of(), Map.of(), "0.01", "2024-03-04T05:06:07Z"));
  }

  public static void write(Path file, Schema schema, List<GenericRecord> records,
      CodecFactory codec) throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(
        new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(codec);
      writer.create(schema, file.toFile());
      for (GenericRecord r : records) {
        writer.append(r);
      }
    }
  }

  /** An Avro container file's schema, codec and records. */
  public record Content(Schema schema, String codec, List<GenericRecord> records) {
    public List<String> lines() {
      return records.stream().map(Object::toString).toList();
    }
  }

  public static Content read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in,
            new GenericDatumReader<>(null, null,
                new GenericData().setFastReaderEnabled(false)) {
              @Override
              protected Object newMap(Object old, int size) {
                return new LinkedHashMap<>(); // maps in the order stored
              }
            })) {
      List<GenericRecord> records = new ArrayList<>();
      stream.forEach(records::add);
      return new Content(stream.getSchema(), stream.getMetaString("avro.codec"), records);
    }
  }

  /** A record's binary encoding under its own schema. */
  public static byte[] encoded(GenericRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }
}
