package io.trainguard.jobs.parquet;

import io.trainguard.jobs.format.ParquetCodec;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.crypto.EncryptionPropertiesFactory;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.crypto.keytools.KeyToolkit;
import org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet modular encryption of columnar outputs ({@code --parquet-encryption columnar}): an
 * encrypted footer under {@value #FOOTER_KEY}, columns holding personal data under their own
 * data keys wrapped by {@value #PII_KEY}, every other column under the footer key; Parquet's
 * key-encryption keys are wrapped by {@link TrainguardKmsClient}.
 */
public final class ParquetEncryption {

  /** The encryption format recorded in manifests. */
  public static final String FORMAT = "parquet-modular-encryption";
  /** Parquet's default cipher, recorded in manifests. */
  public static final String ALGORITHM = "AES_GCM_V1";
  /** Parquet master key id of the footer and of columns without personal data. */
  public static final String FOOTER_KEY = "trainguard-footer";
  /** Parquet master key id of the columns that hold personal data. */
  public static final String PII_KEY = "trainguard-pii";

  /** How Parquet outputs are encrypted. */
  public enum Mode {
    /** The whole file in the AWS Encryption SDK format, {@code data/<path>.enc}. */
    ENVELOPE,
    /** Parquet modular encryption, {@code data/<path>}: readable by Spark with the key. */
    COLUMNAR;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code --parquet-encryption}. */
    public static Mode parse(String id) {
      for (Mode m : values()) {
        if (m.id().equalsIgnoreCase(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("Invalid Parquet encryption: " + id
          + " (allowed: envelope, columnar)");
    }
  }

  private ParquetEncryption() {}

  /** A copy of {@code base} with the settings a reader of columnar outputs needs. */
  public static Configuration readerConf(Configuration base, String keySpec) {
    Configuration conf = new Configuration(base);
    conf.set(EncryptionPropertiesFactory.CRYPTO_FACTORY_CLASS_PROPERTY_NAME,
        PropertiesDrivenCryptoFactory.class.getName());
    conf.set(KeyToolkit.KMS_CLIENT_CLASS_PROPERTY_NAME, TrainguardKmsClient.class.getName());
    conf.set(TrainguardKmsClient.KEY_PROPERTY, keySpec);
    // Parquet caches KMS clients and unwrapped keys per access token: one token per key, so a
    // JVM that reads files under two keys never unwraps with the wrong one.
    conf.set(KeyToolkit.KEY_ACCESS_TOKEN_PROPERTY_NAME, keySpec);
    return conf;
  }

  /**
   * The encryption of one output file. {@code keyId} names the KMS instance and partitions
   * Parquet's key caches, so that files written under different keys never share a wrapped key.
   */
  public static FileEncryptionProperties properties(Configuration base, String keySpec,
      String keyId, Path file, MessageType schema, Set<String> personalColumns) {
    Configuration conf = readerConf(base, keySpec);
    conf.set(KeyToolkit.KMS_INSTANCE_ID_PROPERTY_NAME, keyId);
    conf.set(KeyToolkit.KEY_ACCESS_TOKEN_PROPERTY_NAME, keyId);
    if (personalColumns.isEmpty()) {
      conf.set(PropertiesDrivenCryptoFactory.UNIFORM_KEY_PROPERTY_NAME, FOOTER_KEY);
    } else {
      conf.set(PropertiesDrivenCryptoFactory.FOOTER_KEY_PROPERTY_NAME, FOOTER_KEY);
      conf.set(PropertiesDrivenCryptoFactory.COLUMN_KEYS_PROPERTY_NAME,
          PII_KEY + ":" + String.join(",", personalColumns));
      conf.setBoolean(PropertiesDrivenCryptoFactory.COMPLETE_COLUMN_ENCRYPTION_PROPERTY_NAME,
          true);
    }
    return new PropertiesDrivenCryptoFactory().getFileEncryptionProperties(conf, file,
        new WriteSupport.WriteContext(schema, Map.of()));
  }

  /** A writer of Group records, encrypted when {@code encryption} is not null. */
  public static ParquetWriter<Group> writer(OutputFile file, MessageType schema,
      CompressionCodecName codec, FileEncryptionProperties encryption, Configuration conf)
      throws IOException {
    return ExampleParquetWriter.builder(file).withConf(conf).withType(schema)
        .withCompressionCodec(codec).withEncryption(encryption).build();
  }

  /**
   * Writes the plaintext Parquet of the columnar output {@code in} to {@code out}: same schema
   * and records, no encryption. {@code conf} comes from {@link #readerConf}.
   */
  public static void decrypt(Configuration conf, Path in, OutputFile out) throws IOException {
    rewrite(conf, in, out, schema -> null);
  }

  /**
   * Writes the records of the columnar output {@code in} to {@code out} with the encryption that
   * {@code encryption} gives for its schema (null: none). {@code conf} comes from
   * {@link #readerConf}.
   */
  public static void rewrite(Configuration conf, Path in, OutputFile out,
      java.util.function.Function<MessageType, FileEncryptionProperties> encryption)
      throws IOException {
    HadoopInputFile input = HadoopInputFile.fromPath(in, conf);
    try (ParquetFileReader reader = ParquetFileReader.open(input,
        HadoopReadOptions.builder(conf, in).withDecryption(new PropertiesDrivenCryptoFactory()
            .getFileDecryptionProperties(conf, in)).build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      try (ParquetWriter<Group> writer = writer(out, schema, ParquetCodec.compression(reader),
          encryption.apply(schema), conf)) {
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Group> rows = io.getRecordReader(pages, new GroupRecordConverter(schema));
          for (long i = 0; i < pages.getRowCount(); i++) {
            writer.write(rows.read());
          }
        }
      }
    }
  }
}
