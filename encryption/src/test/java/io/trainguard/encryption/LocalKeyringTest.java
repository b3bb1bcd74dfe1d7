package io.trainguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyringTest {

  @TempDir
  Path dir;

  @Test
  void generatesOwnerOnlyFileThatLoadsBack() throws Exception {
    Path file = dir.resolve("keys/keyring.json");
    LocalKeyring created = LocalKeyring.generate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    LocalKeyring loaded = LocalKeyring.load(file);
    assertThat(loaded.keyId()).isEqualTo(created.keyId()).matches("tg-[0-9a-f]{16}");
    byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
    assertThat(loaded.signer().verify(data, created.signer().sign(data))).isTrue();
    assertThat(KeyProviders.open("local:" + file).keyId()).isEqualTo(created.keyId());
  }

  @Test
  void toStringShowsOnlyTheKeyId() {
    LocalKeyring k = LocalKeyring.generate(dir.resolve("k.json"));
    assertThat(k.toString()).isEqualTo("LocalKeyring[" + k.keyId() + "]");
  }

  @Test
  void refusesToOverwrite() {
    Path file = dir.resolve("k.json");
    LocalKeyring.generate(file);
    assertThatThrownBy(() -> LocalKeyring.generate(file))
        .isInstanceOf(KeyException.class).hasMessage("Cannot create keyring " + file + ": file exists");
  }

  @Test
  void aPathUnderAFileIsNamedAsSuchNotAsAnExistingKeyring() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "someone's notes");
    Path file = notes.resolve("k.json");
    assertThatThrownBy(() -> LocalKeyring.generate(file)).isInstanceOf(KeyException.class)
        .hasMessage("Cannot create keyring " + file + ": a directory on its path is a file");
    assertThat(notes).hasContent("someone's notes");
  }

  @Test
  void refusesKeyringOthersCanRead() throws Exception {
    Path file = dir.resolve("k.json");
    LocalKeyring.generate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> LocalKeyring.load(file)).isInstanceOf(KeyException.class)
        .hasMessage("Refusing keyring " + file + ": group or others can access it (run: chmod 600 "
            + file + ")");
  }

  @Test
  void reportsMissingAndMalformedFilesWithoutContent() throws Exception {
    Path missing = dir.resolve("none.json");
    assertThatThrownBy(() -> LocalKeyring.load(missing))
        .hasMessage("Cannot read keyring " + missing + ": no such file");
    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "{\"type\": \"trainguard-local-keyring\", \"version\": 1,"
        + " \"key_id\": \"tg-1\", \"aes256_wrapping_key\": \"c2VjcmV0\"}");
    Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LocalKeyring.load(junk))
        .hasMessage("Invalid keyring " + junk + ": wrapping key is not 256 bits");
    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"hello\": 1}");
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LocalKeyring.load(other))
        .hasMessage("Invalid keyring " + other + ": not a trainguard local keyring");
  }

  @Test
  void keySpecsAreValidated() {
    assertThatThrownBy(() -> KeyProviders.open("local:")).hasMessageContaining("missing keyring path");
    assertThatThrownBy(() -> KeyProviders.open("file.json")).hasMessage(
        "Invalid key: file.json (expected local:PATH, arn:aws:kms:... or alias/...)");
    assertThatThrownBy(() -> KeyProviders.open("arn:aws:kms:us-east-1:key"))
        .hasMessageStartingWith("Invalid KMS key: arn:aws:kms:us-east-1:key (expected");
    assertThatThrownBy(() -> KeyProviders.open("local:k.json", "alias/signing")).hasMessage(
        "Invalid signing key: alias/signing (a local keyring signs with its own Ed25519 key;"
            + " a signing key goes with a KMS key)");
  }
}
