package io.trainguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KmsSigner} through the real {@code KmsClient} over HTTP, against {@link LocalKmsStandIn}
 * (a local stand-in for AWS KMS).
 */
class KmsSignerWithLocalKmsStandInTest {

  private static final byte[] MANIFEST =
      "{\"outputs\":[],\"run\":{\"id\":\"run-1\"}}".getBytes(StandardCharsets.UTF_8);

  static LocalKmsStandIn kms;
  static String dataKeyArn;
  static String signingKeyArn;

  @BeforeAll
  static void startKms() throws Exception {
    kms = LocalKmsStandIn.start("us-west-2").useForSdk();
    dataKeyArn = kms.createSymmetricKey();
    signingKeyArn = kms.createSigningKey();
    kms.createAlias("alias/manifest-signing", signingKeyArn);
  }

  @AfterAll
  static void stopKms() {
    kms.close();
  }

  @BeforeEach
  void resetKms() {
    kms.reset();
  }

  @Test
  void signsAndVerifiesThroughKms() {
    Signer signer = KeyProviders.open(dataKeyArn, "alias/manifest-signing").signer();
    assertThat(signer.algorithm()).isEqualTo("KMS-ECDSA-P256-SHA256");
    assertThat(signer.keyId()).isEqualTo(signingKeyArn);

    byte[] signature = signer.sign(MANIFEST);

    assertThat(signer.verify(MANIFEST, signature)).isTrue();
    assertThat(kms.calls("DescribeKey")).isEqualTo(1);
    assertThat(kms.calls("Sign")).isEqualTo(1);
    assertThat(kms.calls("Verify")).isEqualTo(1);
  }

  @Test
  void aTamperedManifestOrSignatureFailsVerification() {
    Signer signer = KeyProviders.open(dataKeyArn, signingKeyArn).signer();
    byte[] signature = signer.sign(MANIFEST);
    byte[] edited = MANIFEST.clone();
    edited[edited.length - 3] = '2';
    byte[] badSignature = signature.clone();
    badSignature[badSignature.length - 1] ^= 0x01;

    assertThat(signer.verify(edited, signature)).isFalse();
    assertThat(signer.verify(MANIFEST, badSignature)).isFalse();
    assertThat(signer.verify(MANIFEST, new byte[0])).isFalse();
    // KMS refuses an empty signature (length constraint) instead of answering invalid.
    assertThat(kms.calls("Verify")).isEqualTo(2);
  }

  @Test
  void manifestsLargerThanKmsRawMessagesAreSigned() {
    byte[] large = new byte[1_000_000];
    Signer signer = KmsSigner.open(signingKeyArn);
    assertThat(signer.verify(large, signer.sign(large))).isTrue();
  }

  @Test
  void verifiesOfflineWithThePublicKey() throws Exception {
    KmsSigner signer = KmsSigner.open(signingKeyArn);
    byte[] signature = signer.sign(MANIFEST);
    byte[] publicKey = signer.publicKey();
    assertThat(signer.publicKey()).isEqualTo(publicKey);
    assertThat(kms.calls("GetPublicKey")).isEqualTo(1);

    assertThat(KmsSigner.verifyWithPublicKey(publicKey, MANIFEST, signature)).isTrue();
    assertThat(signer.verifyOffline(MANIFEST, signature)).isTrue();
    assertThat(KmsSigner.verifyWithPublicKey(publicKey, "other".getBytes(), signature)).isFalse();
    assertThat(KmsSigner.verifyWithPublicKey(new byte[] {1, 2}, MANIFEST, signature)).isFalse();
    assertThat(kms.calls("Verify")).isZero();

    // A plain JDK verifier agrees: ECDSA P-256 over SHA-256 of the bytes, DER signature.
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey)));
    jdk.update(MANIFEST);
    assertThat(jdk.verify(signature)).isTrue();
  }

  @Test
  void signerAloneOpensByArnForVerification() {
    byte[] signature = KmsSigner.open(signingKeyArn).sign(MANIFEST);
    Signer verifier = KeyProviders.openSigner(signingKeyArn);
    assertThat(verifier.keyId()).isEqualTo(signingKeyArn);
    assertThat(verifier.verify(MANIFEST, signature)).isTrue();
  }

  @Test
  void aSymmetricKeyIsRefusedAsSigningKey() {
    assertThatThrownBy(() -> KeyProviders.open(dataKeyArn, dataKeyArn))
        .isInstanceOf(KeyException.class)
        .hasMessage("Invalid signing key " + dataKeyArn
            + ": SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT (need an ECC_NIST_P256 key for SIGN_VERIFY)");
  }

  @Test
  void aSigningKeyIsRefusedAsDataKey() {
    assertThatThrownBy(() -> KeyProviders.open("alias/manifest-signing"))
        .isInstanceOf(KeyException.class)
        .hasMessage("Invalid KMS key alias/manifest-signing: ECC_NIST_P256 key for SIGN_VERIFY"
            + " (need a SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT)");
  }

  @Test
  void accessDeniedOnSignNamesTheKeyAndPermission() {
    Signer signer = KmsSigner.open(signingKeyArn);
    kms.denyAccess("Sign");
    assertThatThrownBy(() -> signer.sign(MANIFEST))
        .isInstanceOfSatisfying(KmsServiceException.class, e -> {
          assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.ACCESS_DENIED);
          assertThat(e.permission()).isEqualTo("kms:Sign");
        })
        .hasMessage("Cannot sign with KMS key " + signingKeyArn
            + ": access denied (the AWS identity needs kms:Sign on this key)");
    assertThat(kms.calls("Sign")).isEqualTo(1);
  }

  @Test
  void accessDeniedOnVerifyIsAServiceFailureNotAnInvalidSignature() {
    Signer signer = KmsSigner.open(signingKeyArn);
    byte[] signature = signer.sign(MANIFEST);
    kms.denyAccess("Verify");
    assertThatThrownBy(() -> signer.verify(MANIFEST, signature))
        .isInstanceOf(KmsServiceException.class)
        .hasMessage("Cannot verify with KMS key " + signingKeyArn
            + ": access denied (the AWS identity needs kms:Verify on this key)");
  }

  @Test
  void toStringShowsOnlyTheKeyArn() {
    assertThat(KmsSigner.open(signingKeyArn).toString())
        .isEqualTo("KmsSigner[" + signingKeyArn + "]");
  }
}
