package io.trainguard.jobs.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKmsStandIn;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columnar (modular) Parquet encryption under a KMS key: the Parquet KMS client wraps the
 * footer and column keys through the real KmsClient against LocalKmsStandIn (a local stand-in
 * for AWS KMS on 127.0.0.1), and Spark reads the file back with the same key ARN.
 */
class ColumnarParquetWithLocalKmsStandInTest {

  static LocalKmsStandIn kms;
  static String keyArn;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    kms = LocalKmsStandIn.start("ap-southeast-4").useForSdk();
    keyArn = kms.createSymmetricKey();
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  @Test
  void sparkReadsTheColumnarOutputWithTheKmsKeyArn() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path input = dir.resolve("in/people.parquet");
    ParquetFiles.write(input, ParquetFiles.PEOPLE, ParquetFiles.people());
    Path output = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(input.toString(), output.toString(), keyArn)
        .signingKey(kms.createSigningKey())
        .parquetEncryption(ParquetEncryption.Mode.COLUMNAR).build()).execute();
    int wrapped = kms.calls("Encrypt") + kms.calls("GenerateDataKey");

    Path file = output.resolve("data/people.parquet");
    ParquetFiles.Content keyed = ParquetFiles.read(file,
        ParquetEncryption.readerConf(new Configuration(), keyArn));
    assertThat(keyed.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
        .doesNotContain("@example.com").contains("<EMAIL_ADDRESS>"));
    List<Row> rows = spark.read()
        .option("parquet.crypto.factory.class",
            "org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory")
        .option("parquet.encryption.kms.client.class",
            "io.trainguard.jobs.parquet.TrainguardKmsClient")
        .option(TrainguardKmsClient.KEY_PROPERTY, keyArn)
        .parquet(file.toString()).select("record_id", "email").collectAsList();
    assertThat(rows.toString()).isEqualTo("[[1,<EMAIL_ADDRESS>], [2,<EMAIL_ADDRESS>]]");
    assertThat(wrapped).as("keys wrapped by KMS").isPositive();
    assertThat(kms.calls("Decrypt")).as("keys unwrapped by KMS").isPositive();
  }
}
