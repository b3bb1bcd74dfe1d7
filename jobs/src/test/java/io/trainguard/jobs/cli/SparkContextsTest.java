package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkContextsTest {

  /** Spark redacts a setting when its regex finds a match in the key or in the value. */
  @ParameterizedTest
  @CsvSource({
      "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net, QXp1cmU=, true",
      "spark.hadoop.fs.s3a.encryption.key, c3NlYw==, true",
      "spark.hadoop.fs.gs.auth.service.account.private.key, -----BEGIN, true",
      "spark.hadoop.fs.s3a.endpoint, http://minio:pw@127.0.0.1:9000, true",
      "spark.hadoop.javax.jdo.option.ConnectionPassword.pwd, x, true",
      "spark.hadoop.service.apikey, x, true",
      "spark.hadoop.service.api-key, x, true",
      "spark.ssl.keyStore.passphrase, x, true",
      "spark.hadoop.service.privatekey, x, true",
      "spark.hadoop.proxy.auth, x, true",
      "spark.ssl.trustStore.jks.pass, x, true",
      "spark.hadoop.fs.s3a.secret.key, x, true",
      "spark.hadoop.fs.s3a.endpoint, http://127.0.0.1:9000, false",
      "spark.sql.shuffle.partitions, 4, false",
      "sun.java.command, io.trainguard.jobs.cli.TrainguardCli protect --input /data/patient, true",
      "sun.java.command.other, x, false",
      "spark.hadoop.fs.s3a.aws.credentials.provider.mapping, x, true"})
  void sparkRedactsTheSecretsAConfCanCarry(String key, String value, boolean redacted) {
    Pattern regex = Pattern.compile(SparkContexts.conf("t", Map.of()).get("spark.redaction.regex"));
    assertThat(regex.matcher(key).find() || regex.matcher(value).find()).isEqualTo(redacted);
  }
}
