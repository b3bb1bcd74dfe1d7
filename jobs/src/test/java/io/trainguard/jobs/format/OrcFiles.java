package io.trainguard.jobs.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.serde2.io.DateWritable;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;
import org.apache.orc.mapred.OrcList;
import org.apache.orc.mapred.OrcMap;
import org.apache.orc.mapred.OrcMapredRecordReader;
import org.apache.orc.mapred.OrcMapredRecordWriter;
import org.apache.orc.mapred.OrcStruct;

/** ORC test inputs (nested struct, list of structs, map, binary, date, decimal) and readers. */
public final class OrcFiles {

  public static final TypeDescription PEOPLE = TypeDescription.fromString("struct<"
      + "record_id:bigint,email:string,note:string,birth_date:date,ssn:string,"
      + "user:struct<email:string,team:string>,items:array<struct<email:string,qty:bigint>>,"
      + "attrs:map<string,string>,raw:binary,amount:decimal(10,2)>");

  /** Bytes that are not UTF-8, then text: kept byte for byte when nothing is found in them. */
  public static final byte[] RAW = {(byte) 0xff, (byte) 0xfe, ' ', 'b', 'i', 'n'};

  private OrcFiles() {}

  /** One record of {@link #PEOPLE}; null values stay null. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static OrcStruct person(long id, String email, String note, String birthDate,
      String ssn, String[] user, List<Object[]> items, Map<String, String> attrs,
      String amount) {
    OrcStruct r = new OrcStruct(PEOPLE);
    r.setFieldValue("record_id", new LongWritable(id));
    r.setFieldValue("email", email == null ? null : new Text(email));
    r.setFieldValue("note", note == null ? null : new Text(note));
    r.setFieldValue("birth_date", birthDate == null ? null
        : new DateWritable((int) LocalDate.parse(birthDate).toEpochDay()));
    r.setFieldValue("ssn", ssn == null ? null : new Text(ssn));
    if (user != null) {
      OrcStruct u = new OrcStruct(PEOPLE.findSubtype("user"));
      u.setFieldValue("email", new Text(user[0]));
      u.setFieldValue("team", new Text(user[1]));
      r.setFieldValue("user", u);
    }
    TypeDescription list = PEOPLE.findSubtype("items");
    OrcList l = new OrcList(list);
    for (Object[] i : items) {
      OrcStruct e = new OrcStruct(list.getChildren().get(0));
      e.setFieldValue("email", new Text((String) i[0]));
      e.setFieldValue("qty", new LongWritable((long) i[1]));
      l.add(e);
    }
    r.setFieldValue("items", l);
    OrcMap m = new OrcMap(PEOPLE.findSubtype("attrs"));
    attrs.forEach((k, v) -> m.put(new Text(k), new Text(v)));
    r.setFieldValue("attrs", m);
    r.setFieldValue("raw", new BytesWritable(RAW));
    r.setFieldValue("amount", new HiveDecimalWritable(HiveDecimal.create(new BigDecimal(amount))));
    return r;
  }

  /** Three records; the third holds an AWS access key. */
  public static List<OrcStruct> people() {
    return List.of(
        person(1, "ana.perez@example.com", "call 212-555-0187 after 5", "1985-03-12",
            "536-22-8049", new String[] {"ana@example.com", "blue"},
            List.of(new Object[] {"x1@example.com", 2L}, new Object[] {"x2@example.net", 3L}),
            Map.of("contact", "bo@example.org"), "12.34"),
        person(2, "bo@example.org", "nothing here, see page 12", null, null, null, List.of(),
            Map.of(), "7.00"),
        person(3, "carl@example.com", "key AKIAIOSFODNN7EXAMPLE leaked", "1990-01-01", null,
            null, List.of(), Map.of(), "0.01"));
  }

  public static void write(Path file, TypeDescription schema, List<OrcStruct> records,
      CompressionKind compression) throws IOException {
    Files.createDirectories(file.getParent());
    OrcMapredRecordWriter<OrcStruct> writer = new OrcMapredRecordWriter<>(OrcFile.createWriter(
        new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.writerOptions(new Configuration())
            .setSchema(schema).compress(compression).overwrite(true)));
    for (OrcStruct r : records) {
      writer.write(NullWritable.get(), r);
    }
    writer.close(null);
  }

  /** An ORC file's schema, compression and records. */
  public record Content(TypeDescription schema, CompressionKind compression,
      List<OrcStruct> records) {
    public List<String> lines() {
      return records.stream().map(Object::toString).toList();
    }
  }

  public static Content read(Path file) throws IOException {
    try (Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
        OrcFile.readerOptions(new Configuration()))) {
      OrcMapredRecordReader<OrcStruct> rows = new OrcMapredRecordReader<>(reader.rows(),
          reader.getSchema());
      List<OrcStruct> records = new ArrayList<>();
      OrcStruct r;
      while (rows.next(NullWritable.get(), r = rows.createValue())) {
        records.add(r);
      }
      rows.close();
      return new Content(reader.getSchema(), reader.getCompressionKind(), records);
    }
  }
}
