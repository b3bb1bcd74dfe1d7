package io.trainguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * {@link KmsKeyProvider} through the real {@code KmsClient} over HTTP, against
 * {@link LocalKmsStandIn} (a local stand-in for AWS KMS; AWS offers no local KMS).
 */
class KmsKeyProviderWithLocalKmsStandInTest {

  private static final String REGION = "eu-west-3";
  private static final Map<String, String> CONTEXT =
      Map.of("trainguard:run", "run-1", "trainguard:path", "data/a.csv.enc");

  static LocalKmsStandIn kms;
  static String keyArn;
  static String otherKeyArn;
  /**
   * The SDK's client with the production retry policy but no backoff delay; one per test, so
   * no test drains the retry quota (circuit breaker) another test relies on.
   */
  KmsClient fastRetryClient;

  @BeforeAll
  static void startKms() throws Exception {
    kms = LocalKmsStandIn.start(REGION).useForSdk();
    keyArn = kms.createSymmetricKey();
    otherKeyArn = kms.createSymmetricKey();
    kms.createAlias("alias/training", keyArn);
  }

  @AfterAll
  static void stopKms() {
    kms.close();
  }

  @BeforeEach
  void resetKms() {
    kms.reset();
    fastRetryClient = KmsClients.create(REGION, AwsRetries.standard(
        BackoffStrategy.retryImmediately(), BackoffStrategy.retryImmediately()));
  }

  @AfterEach
  void closeClient() {
    fastRetryClient.close();
  }

  static byte[] encrypt(KeyProvider k, byte[] plain, Map<String, String> context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = EnvelopeCipher.encrypt(k, out, context)) {
      enc.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] decrypt(KeyProvider k, byte[] cipher, Map<String, String> context)
      throws IOException {
    try (InputStream in = EnvelopeCipher.decrypt(k, new ByteArrayInputStream(cipher), context)) {
      return in.readAllBytes();
    }
  }

  KmsKeyProvider withFastRetries(String spec) {
    return KmsKeyProvider.open(spec, null, region -> fastRetryClient);
  }

  @Test
  void roundTripsAFileUnderAKeyArn() throws IOException {
    KeyProvider key = KeyProviders.open(keyArn);
    byte[] plain = new byte[200_000];
    new Random(1).nextBytes(plain);

    byte[] cipher = encrypt(key, plain, CONTEXT);

    assertThat(decrypt(key, cipher, CONTEXT)).isEqualTo(plain);
    assertThat(key).isInstanceOf(KmsKeyProvider.class);
    assertThat(key.keyId()).isEqualTo(keyArn);
    assertThat(key.spec()).isEqualTo(keyArn);
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(1);
    assertThat(kms.calls("Decrypt")).isEqualTo(1);
    assertThat(kms.calls("DescribeKey")).isZero();
  }

  @Test
  void aliasesResolveToTheKeyArnThatFilesRecord() throws IOException {
    KeyProvider byAlias = KeyProviders.open("alias/training");
    KeyProvider byAliasArn = KeyProviders.open(kms.aliasArn("alias/training"));
    assertThat(byAlias.keyId()).isEqualTo(keyArn);
    assertThat(byAliasArn.keyId()).isEqualTo(keyArn);
    assertThat(kms.calls("DescribeKey")).isEqualTo(2);

    byte[] cipher = encrypt(byAlias, "under an alias".getBytes(StandardCharsets.UTF_8), CONTEXT);
    // An executor opens the spec the driver resolved, not the alias.
    KeyProvider executor = KeyProviders.open(byAlias.spec());
    assertThat(decrypt(executor, cipher, CONTEXT)).asString(StandardCharsets.UTF_8)
        .isEqualTo("under an alias");
    assertThat(decrypt(byAliasArn, cipher, CONTEXT)).asString(StandardCharsets.UTF_8)
        .isEqualTo("under an alias");
    assertThat(kms.calls("DescribeKey")).isEqualTo(2);
  }

  @Test
  void generatesOneDataKeyPerEncryptedFile() throws IOException {
    KeyProvider key = KeyProviders.open(keyArn);
    for (int i = 0; i < 3; i++) {
      encrypt(key, new byte[100_000 * i], Map.of("trainguard:path", "data/" + i + ".csv.enc"));
    }
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(3);
    assertThat(kms.calls("Encrypt")).isZero();
  }

  /** An AWS KMS keyring built directly, as another AWS Encryption SDK user would. */
  private static IKeyring plainEsdkKmsKeyring(KmsClient client) {
    return MaterialProviders.builder()
        .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build()
        .CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder()
            .kmsKeyId(keyArn).kmsClient(client).build());
  }

  @Test
  void interoperatesWithTheAwsEncryptionSdkAndItsKmsKeyring() throws IOException {
    AwsCrypto crypto = AwsCrypto.builder()
        .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt).build();
    byte[] plain = "interop through KMS".getBytes(StandardCharsets.UTF_8);
    try (KmsClient client = KmsClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(URI.create(kms.endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDOTHERSDKUSER", "other-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      IKeyring theirKeyring = plainEsdkKmsKeyring(client);
      KeyProvider ours = KeyProviders.open(keyArn);

      var decrypted = crypto.decryptData(theirKeyring, encrypt(ours, plain, CONTEXT));
      assertThat(decrypted.getResult()).isEqualTo(plain);
      assertThat(decrypted.getEncryptionContext()).containsAllEntriesOf(CONTEXT);

      byte[] theirs = crypto.encryptData(theirKeyring, plain, CONTEXT).getResult();
      assertThat(decrypt(ours, theirs, CONTEXT)).isEqualTo(plain);
    }
  }

  @Test
  void anotherKmsKeyCannotDecrypt() throws IOException {
    byte[] cipher = encrypt(KeyProviders.open(keyArn), "secret".getBytes(), CONTEXT);
    KeyProvider other = KeyProviders.open(otherKeyArn);
    assertThatThrownBy(() -> decrypt(other, cipher, CONTEXT))
        .isInstanceOf(KeyException.class)
        .isNotInstanceOf(KmsServiceException.class)
        .hasMessage("Cannot decrypt with key " + otherKeyArn
            + ": the file was encrypted under another key");
    assertThat(kms.calls("Decrypt")).isZero();
  }

  @Test
  void encryptionContextMismatchFails() throws IOException {
    KeyProvider key = KeyProviders.open(keyArn);
    byte[] cipher = encrypt(key, "x".getBytes(), CONTEXT);
    assertThatThrownBy(() -> decrypt(key, cipher, Map.of("trainguard:path", "data/b.csv.enc")))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("encryption context mismatch on trainguard:path");
  }

  @Test
  void contextEditedInTheHeaderIsRejectedByKms() throws IOException {
    KeyProvider key = KeyProviders.open(keyArn);
    byte[] cipher = encrypt(key, "x".getBytes(), CONTEXT);
    byte[] value = "run-1".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(cipher, value);
    assertThat(at).isPositive();
    cipher[at + value.length - 1] = '2';

    assertThatThrownBy(() -> decrypt(key, cipher, Map.of()))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("damaged or tampered ciphertext");
    assertThat(kms.calls("Decrypt")).isEqualTo(1);
  }

  @Test
  void tamperedBodyFails() throws IOException {
    KeyProvider key = KeyProviders.open(keyArn);
    byte[] cipher = encrypt(key, new byte[10_000], CONTEXT);
    cipher[cipher.length / 2] ^= 0x01;
    assertThatThrownBy(() -> decrypt(key, cipher, CONTEXT))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("damaged or tampered ciphertext");
  }

  @Test
  void throttledRequestsAreRetriedUntilKmsAnswers() throws IOException {
    kms.throttle("GenerateDataKey", 2);
    KeyProvider key = withFastRetries(keyArn);
    byte[] cipher = encrypt(key, "after throttling".getBytes(), CONTEXT);
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(3);

    kms.throttle("Decrypt", 4);
    assertThat(decrypt(key, cipher, CONTEXT)).asString().isEqualTo("after throttling");
    assertThat(kms.calls("Decrypt")).isEqualTo(5);
  }

  @Test
  void permanentThrottlingIsAServiceFailureAfterEveryAttempt() {
    kms.throttleAlways("GenerateDataKey");
    KeyProvider key = withFastRetries(keyArn);
    assertThatThrownBy(() -> encrypt(key, "x".getBytes(), CONTEXT))
        .isInstanceOfSatisfying(KmsServiceException.class, e -> {
          assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.THROTTLED);
          assertThat(e.retryable()).isTrue();
          assertThat(e.keyId()).isEqualTo(keyArn);
          assertThat(e.permission()).isEqualTo("kms:GenerateDataKey");
        })
        .hasMessage("Cannot encrypt with KMS key " + keyArn
            + ": KMS is throttling requests (ThrottlingException, 5 attempts)");
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(AwsRetries.MAX_ATTEMPTS).isEqualTo(5);
  }

  @Test
  void serverErrorsAreRetriedThenReportedAsUnavailable() {
    kms.fail("GenerateDataKey", Integer.MAX_VALUE, 500, "KMSInternalException");
    KeyProvider key = withFastRetries(keyArn);
    assertThatThrownBy(() -> encrypt(key, "x".getBytes(), CONTEXT))
        .isInstanceOfSatisfying(KmsServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.UNAVAILABLE))
        .hasMessage("Cannot encrypt with KMS key " + keyArn
            + ": KMS is unavailable (HTTP 500 KMSInternalException, 5 attempts)");
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(5);
  }

  @Test
  void unreachableKmsIsAServiceFailureAfterEveryAttempt() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String saved = System.getProperty("aws.endpointUrlKms");
    System.setProperty("aws.endpointUrlKms", "http://127.0.0.1:" + closedPort);
    try (KmsClient unreachable = KmsClients.create(REGION, AwsRetries.standard(
        BackoffStrategy.retryImmediately(), BackoffStrategy.retryImmediately()))) {
      KeyProvider key = KmsKeyProvider.open(keyArn, null, region -> unreachable);
      assertThatThrownBy(() -> encrypt(key, "x".getBytes(), CONTEXT))
          .isInstanceOfSatisfying(KmsServiceException.class,
              e -> assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.UNAVAILABLE))
          .hasMessage("Cannot encrypt with KMS key " + keyArn
              + ": cannot reach KMS (ConnectException, 5 attempts)");
    } finally {
      System.setProperty("aws.endpointUrlKms", saved);
    }
  }

  @Test
  void anAliasWithoutAnyConfiguredRegionIsAConfigurationError() {
    Map<String, String> settings = Map.of("aws.region", "", "aws.disableEc2Metadata", "true",
        "aws.configFile", "/nonexistent/trainguard/config",
        "aws.sharedCredentialsFile", "/nonexistent/trainguard/credentials");
    Map<String, String> saved = new java.util.HashMap<>();
    settings.forEach((k, v) -> saved.put(k, System.getProperty(k)));
    try {
      System.clearProperty("aws.region");
      settings.forEach((k, v) -> {
        if (!v.isEmpty()) {
          System.setProperty(k, v);
        }
      });
      assertThatThrownBy(() -> KeyProviders.open("alias/training"))
          .isInstanceOf(KeyException.class)
          .isNotInstanceOf(KmsServiceException.class)
          .hasMessage("Cannot use KMS: no AWS region configured"
              + " (set AWS_REGION or aws.region, or name the key by its ARN)");
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  @Test
  void accessDeniedOnEncryptNamesTheKeyAndPermission() {
    kms.denyAccess("GenerateDataKey");
    KeyProvider key = withFastRetries(keyArn);
    assertThatThrownBy(() -> encrypt(key, "x".getBytes(), CONTEXT))
        .isInstanceOfSatisfying(KmsServiceException.class, e -> {
          assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.ACCESS_DENIED);
          assertThat(e.retryable()).isFalse();
          assertThat(e.permission()).isEqualTo("kms:GenerateDataKey");
        })
        .hasMessage("Cannot encrypt with KMS key " + keyArn
            + ": access denied (the AWS identity needs kms:GenerateDataKey on this key)");
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(1);
  }

  @Test
  void serviceFailuresSurviveJavaSerializationAsSparkTaskFailures() throws Exception {
    kms.denyAccess("GenerateDataKey");
    KeyProvider key = withFastRetries(keyArn);
    KmsServiceException thrown = catchThrowableOfType(KmsServiceException.class,
        () -> encrypt(key, "x".getBytes(), CONTEXT));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(thrown);
    }
    Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(back).isInstanceOfSatisfying(KmsServiceException.class, e -> {
      assertThat(e.getMessage()).isEqualTo(thrown.getMessage());
      assertThat(e.kind()).isEqualTo(KmsServiceException.Kind.ACCESS_DENIED);
      assertThat(e.permission()).isEqualTo("kms:GenerateDataKey");
    });
  }

  @Test
  void accessDeniedOnDecryptNamesTheKeyAndPermission() throws IOException {
    KeyProvider key = withFastRetries(keyArn);
    byte[] cipher = encrypt(key, "x".getBytes(), CONTEXT);
    kms.denyAccess("Decrypt");
    assertThatThrownBy(() -> decrypt(key, cipher, CONTEXT))
        .isInstanceOf(KmsServiceException.class)
        .hasMessage("Cannot decrypt with KMS key " + keyArn
            + ": access denied (the AWS identity needs kms:Decrypt on this key)");
    assertThat(kms.calls("Decrypt")).isEqualTo(1);
  }

  @Test
  void accessDeniedOnAliasResolutionNamesTheAlias() {
    kms.denyAccess("DescribeKey");
    assertThatThrownBy(() -> KeyProviders.open("alias/training"))
        .isInstanceOf(KmsServiceException.class)
        .hasMessage("Cannot resolve KMS key alias/training"
            + ": access denied (the AWS identity needs kms:DescribeKey on this key)");
  }

  @Test
  void unknownAliasIsAKeyError() {
    assertThatThrownBy(() -> KeyProviders.open("alias/missing"))
        .isInstanceOf(KeyException.class)
        .isNotInstanceOf(KmsServiceException.class)
        .hasMessage("Cannot resolve KMS key alias/missing: no such key in this account and region");
  }

  @Test
  void regionComesFromTheKeyArn() throws IOException {
    String saved = System.getProperty("aws.region");
    System.setProperty("aws.region", "ap-south-1");
    try {
      KeyProvider key = KeyProviders.open(keyArn);
      assertThat(decrypt(key, encrypt(key, "r".getBytes(), CONTEXT), CONTEXT)).hasSize(1);
      // An alias has no region of its own: the default chain's region is asked, and the
      // stand-in (eu-west-3 only) refuses requests signed for ap-south-1.
      assertThatThrownBy(() -> KeyProviders.open("alias/training"))
          .isInstanceOf(KeyException.class)
          .hasMessage("Cannot resolve KMS key alias/training: KMS refused the request"
              + " (HTTP 400 InvalidSignatureException)");
    } finally {
      System.setProperty("aws.region", saved);
    }
  }

  @Test
  void sharedClientsUseTheConfiguredRetryStrategyAndEndpointSetting() {
    KmsClient client = KmsClients.shared(REGION);
    assertThat(KmsClients.shared(REGION)).isSameAs(client);
    RetryStrategy retries = client.serviceClientConfiguration().overrideConfiguration()
        .retryStrategy().orElseThrow();
    assertThat(retries.maxAttempts()).isEqualTo(5);
    assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.of(REGION));
  }

  @Test
  void aSymmetricKmsKeyCannotSign() {
    KeyProvider key = KeyProviders.open(keyArn);
    assertThatThrownBy(key::signer)
        .isInstanceOf(KeyException.class)
        .hasMessage("Cannot sign with KMS key " + keyArn + ": a symmetric KMS key cannot sign;"
            + " pass a signing key (ARN or alias of an ECC_NIST_P256 KMS key)");
  }

  @Test
  void toStringShowsOnlyTheKeyArn() {
    assertThat(KeyProviders.open(keyArn).toString()).isEqualTo("KmsKeyProvider[" + keyArn + "]");
  }

  @Test
  void malformedKmsSpecsAreRefusedWithoutCallingKms() {
    assertThatThrownBy(() -> KeyProviders.open("arn:aws:kms:eu-west-3:123:key/x"))
        .hasMessage("Invalid KMS key: arn:aws:kms:eu-west-3:123:key/x (expected"
            + " arn:aws:kms:REGION:ACCOUNT:key/ID, arn:aws:kms:REGION:ACCOUNT:alias/NAME"
            + " or alias/NAME)");
    assertThatThrownBy(() -> KeyProviders.open("alias/"))
        .hasMessageStartingWith("Invalid KMS key: alias/ (expected");
    assertThat(kms.calls("DescribeKey")).isZero();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
