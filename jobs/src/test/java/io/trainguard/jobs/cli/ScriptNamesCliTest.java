package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names written in Cyrillic, Greek, Han, Hangul, Hebrew and Arabic script through
 * {@code protect} and {@code decrypt} with the defaults, in a CSV's free-text column: none is left
 * in the decrypted data.
 */
class ScriptNamesCliTest {

  @TempDir
  Path dir;

  @Test
  void namesInOtherScriptsAreNotLeftInTheDecryptedCsv() throws Exception {
    SparkTestSession.get();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("notes.csv"), """
        id,note
        1,"Привет, это Дмитрий Иванович Соколов, мой номер +7 916 123-45-67."
        2,Контакт: Иван Петров
        3,Клиент Ольга Смирнова пожаловалась
        4,Ο Γιώργος Παπαδόπουλος είπε
        5,我的同事李娜说好
        6,联系人：王伟，电话 13812345678
        7,김민준 고객님
        8,Customer Seo-yeon Park (박서연) asked for a refund
        9,"שלום, שמי יוסי כהן ואני גר ברחוב הרצל 15, תל אביב."
        10,اسمي محمد علي
        """);
    Path keyFile = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    String key = "local:" + keyFile;
    Path out = dir.resolve("out");
    Run protect = TrainguardCliTest.run("protect", "--input", in.toString(), "--output",
        out.toString(), "--key", key);
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    Run decrypt = TrainguardCliTest.run("decrypt", "--key", key, "--input", out.toString(),
        "--output", plain.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    assertThat(Files.readString(plain.resolve("notes.csv"))).isEqualTo("""
        id,note
        1,"Привет, это <PERSON>, мой номер <PHONE_NUMBER>."
        2,Контакт: <PERSON>
        3,Клиент <PERSON> пожаловалась
        4,Ο <PERSON> είπε
        5,我的同事<PERSON>说好
        6,联系人：<PERSON>，电话 <PHONE_NUMBER>
        7,<PERSON> 고객님
        8,Customer <PERSON> (<PERSON>) asked for a refund
        9,"שלום, שמי <PERSON> ואני גר ב<LOCATION>."
        10,اسمي <PERSON>
        """);
  }
}
