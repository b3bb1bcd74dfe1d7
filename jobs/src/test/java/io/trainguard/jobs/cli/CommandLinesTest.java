package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  @Test
  void recordedSettingsKeepTheirValueButNeverUserInfoOrUnlistedValues() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.hadoop.fs.s3a.endpoint", "http://minio:pw0003@127.0.0.1:9000");
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.azure.account.key.acct.dfs.core.windows.net", "azkey");

    assertThat(CommandLines.conf(settings)).containsExactly(
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://***@127.0.0.1:9000",
        "--conf", "fs.s3a.path.style.access=true",
        "--conf", "fs.azure.account.key.acct.dfs.core.windows.net=***");
  }

  @Test
  void describeElidesSecretKeysAndUserInfo() {
    assertThat(CommandLines.describe("protect", "--input", "s3a://u:p@bucket/x",
        "fs.s3a.secret.key=abc"))
        .isEqualTo("trainguard protect --input s3a://***@bucket/x fs.s3a.secret.key=***");
  }
}
