package io.trainguard.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A local stand-in for AWS KMS: an HTTP server on 127.0.0.1 speaking KMS's JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: TrentService.<Operation>}) with real cryptography and
 * state, for the real {@code KmsClient}. Implements GenerateDataKey, Encrypt, Decrypt (bound to
 * the encryption context), DescribeKey, Sign, Verify and GetPublicKey for symmetric and
 * ECC_NIST_P256 keys and their aliases, counts requests per operation, and fails on demand.
 * Requests must be SigV4-signed for its region (signatures themselves are not checked).
 */
public final class LocalKmsStandIn implements AutoCloseable {

  static final String ACCOUNT = "111122223333";
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final Pattern SCOPE =
      Pattern.compile("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/([a-z0-9-]+)/kms/aws4_request,.*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Key(String id, String arn, String spec, SecretKey aes, KeyPair ec) {}

  private static final class Failure {
    final int status;
    final String type;
    int remaining;

    Failure(int status, String type, int remaining) {
      this.status = status;
      this.type = type;
      this.remaining = remaining;
    }
  }

  /** A KMS error answer. */
  private static final class KmsError extends Exception {
    final int status;
    final String type;

    KmsError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }

    static KmsError of(String type, String message) {
      return new KmsError(400, type, message);
    }
  }

  private final String region;
  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new HashMap<>();
  private final Map<String, String> savedProperties = new HashMap<>();

  private LocalKmsStandIn(String region) throws IOException {
    this.region = region;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stand-in for {@code region} on a free port of 127.0.0.1. */
  public static LocalKmsStandIn start(String region) throws IOException {
    return new LocalKmsStandIn(region);
  }

  public String region() {
    return region;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Points the SDK's standard settings at this stand-in for the JVM: {@code aws.endpointUrlKms},
   * {@code aws.region} and static test credentials. {@link #close} restores them.
   */
  public LocalKmsStandIn useForSdk() {
    setProperty("aws.endpointUrlKms", endpoint());
    setProperty("aws.region", region);
    setProperty("aws.accessKeyId", "AKIDLOCALSTANDIN");
    setProperty("aws.secretAccessKey", "local-stand-in-secret");
    return this;
  }

  private void setProperty(String name, String value) {
    if (!savedProperties.containsKey(name)) {
      savedProperties.put(name, System.getProperty(name));
    }
    System.setProperty(name, value);
  }

  /** A new SYMMETRIC_DEFAULT key; returns its ARN. */
  public String createSymmetricKey() throws GeneralSecurityException {
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(256);
    return add("SYMMETRIC_DEFAULT", gen.generateKey(), null);
  }

  /** A new ECC_NIST_P256 SIGN_VERIFY key; returns its ARN. */
  public String createSigningKey() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return add("ECC_NIST_P256", null, gen.generateKeyPair());
  }

  private String add(String spec, SecretKey aes, KeyPair ec) {
    String id = UUID.randomUUID().toString();
    String arn = "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + id;
    keys.put(id, new Key(id, arn, spec, aes, ec));
    return arn;
  }

  /** Points {@code alias} ({@code alias/NAME}) at the key {@code keyArn}. */
  public void createAlias(String alias, String keyArn) {
    aliases.put(alias, keyArn.substring(keyArn.indexOf(":key/") + 5));
  }

  String aliasArn(String alias) {
    return "arn:aws:kms:" + region + ":" + ACCOUNT + ":" + alias;
  }

  /** Requests received for {@code operation} (e.g. {@code GenerateDataKey}), failed ones too. */
  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Forgets call counts and failure modes. */
  public synchronized void reset() {
    calls.clear();
    failures.clear();
  }

  /** The next {@code times} requests for {@code operation} fail with this error. */
  public synchronized void fail(String operation, int times, int status, String type) {
    failures.put(operation, new Failure(status, type, times));
  }

  /** Every request for {@code operation} is denied, as IAM denies a missing permission. */
  public void denyAccess(String operation) {
    fail(operation, Integer.MAX_VALUE, 400, "AccessDeniedException");
  }

  /** The next {@code times} requests for {@code operation} are throttled. */
  public void throttle(String operation, int times) {
    fail(operation, times, 400, "ThrottlingException");
  }

  public void throttleAlways(String operation) {
    throttle(operation, Integer.MAX_VALUE);
  }

  @Override
  public void close() {
    server.stop(0);
    savedProperties.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      try {
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
            || !target.startsWith("TrentService.")
            || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith(JSON_11)) {
          throw KmsError.of("UnknownOperationException", "Expected POST / with TrentService target");
        }
        String operation = target.substring("TrentService.".length());
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        checkSigned(exchange.getRequestHeaders().getFirst("Authorization"));
        injectedFailure(operation);
        ObjectNode answer = dispatch(operation, JSON.readTree(body.length == 0 ? "{}".getBytes() : body));
        send(exchange, 200, answer);
      } catch (KmsError e) {
        send(exchange, e.status, JSON.createObjectNode().put("__type", e.type).put("message", e.getMessage()));
      }
    }
  }

  private void checkSigned(String authorization) throws KmsError {
    Matcher m = SCOPE.matcher(String.valueOf(authorization));
    if (!m.matches()) {
      throw KmsError.of("IncompleteSignatureException", "Request is not SigV4-signed for kms");
    }
    if (!m.group(1).equals(region)) {
      throw KmsError.of("InvalidSignatureException", "Credential scope region " + m.group(1)
          + " is not " + region);
    }
  }

  private synchronized void injectedFailure(String operation) throws KmsError {
    Failure f = failures.get(operation);
    if (f != null && f.remaining > 0) {
      if (f.remaining != Integer.MAX_VALUE) {
        f.remaining--;
      }
      String message = "AccessDeniedException".equals(f.type)
          ? "User: arn:aws:iam::" + ACCOUNT + ":user/tester is not authorized to perform: kms:"
              + operation + " because no identity-based policy allows the kms:" + operation + " action"
          : f.type;
      throw new KmsError(f.status, f.type, message);
    }
  }

  private static void send(HttpExchange exchange, int status, ObjectNode json) throws IOException {
    byte[] out = JSON.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", JSON_11);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  private ObjectNode dispatch(String operation, JsonNode in) throws KmsError {
    try {
      return switch (operation) {
        case "GenerateDataKey" -> generateDataKey(in);
        case "Encrypt" -> encrypt(in);
        case "Decrypt" -> decrypt(in);
        case "DescribeKey" -> describeKey(in);
        case "Sign" -> sign(in);
        case "Verify" -> verify(in);
        case "GetPublicKey" -> getPublicKey(in);
        default -> throw KmsError.of("UnknownOperationException", operation);
      };
    } catch (GeneralSecurityException e) {
      throw new KmsError(500, "KMSInternalException", "internal error");
    }
  }

  private Key resolve(JsonNode keyId) throws KmsError {
    String name = keyId.asText();
    if (name.isEmpty()) {
      throw KmsError.of("ValidationException", "KeyId is required");
    }
    String id = name;
    Matcher arn = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(key|alias)/(.+)").matcher(name);
    if (arn.matches()) {
      if (!arn.group(1).equals(region) || !arn.group(2).equals(ACCOUNT)) {
        throw KmsError.of("NotFoundException", "Invalid arn " + name);
      }
      id = arn.group(3).equals("alias") ? aliases.get("alias/" + arn.group(4)) : arn.group(4);
    } else if (name.startsWith("alias/")) {
      id = aliases.get(name);
    }
    Key key = id == null ? null : keys.get(id);
    if (key == null) {
      throw KmsError.of("NotFoundException", "Key '" + name + "' does not exist");
    }
    return key;
  }

  private Key symmetric(JsonNode in, String operation) throws KmsError {
    Key key = resolve(in.path("KeyId"));
    if (key.aes() == null) {
      throw KmsError.of("InvalidKeyUsageException", "You cannot " + operation + " with " + key.arn());
    }
    return key;
  }

  private Key signing(JsonNode in) throws KmsError {
    Key key = resolve(in.path("KeyId"));
    if (key.ec() == null) {
      throw KmsError.of("InvalidKeyUsageException", key.arn() + " is not a SIGN_VERIFY key");
    }
    if (!"ECDSA_SHA_256".equals(in.path("SigningAlgorithm").asText())) {
      throw KmsError.of("InvalidKeyUsageException", "Unsupported signing algorithm");
    }
    return key;
  }

  private ObjectNode generateDataKey(JsonNode in) throws KmsError, GeneralSecurityException {
    Key key = symmetric(in, "GenerateDataKey");
    int bytes = in.has("NumberOfBytes") ? in.path("NumberOfBytes").asInt()
        : "AES_128".equals(in.path("KeySpec").asText()) ? 16 : 32;
    if (bytes < 1 || bytes > 1024) {
      throw KmsError.of("ValidationException", "NumberOfBytes out of range");
    }
    byte[] plain = new byte[bytes];
    random.nextBytes(plain);
    return JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("Plaintext", b64(plain))
        .put("CiphertextBlob", b64(seal(key, plain, in.path("EncryptionContext"))));
  }

  private ObjectNode encrypt(JsonNode in) throws KmsError, GeneralSecurityException {
    Key key = symmetric(in, "Encrypt");
    byte[] plain = unb64(in.path("Plaintext"));
    return JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
        .put("CiphertextBlob", b64(seal(key, plain, in.path("EncryptionContext"))));
  }

  /** Ciphertext blob: key id length, key id, 12-byte IV, AES-GCM with the context as AAD. */
  private byte[] seal(Key key, byte[] plain, JsonNode context) throws GeneralSecurityException {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(128, iv));
    gcm.updateAAD(canonical(context));
    byte[] sealed = gcm.doFinal(plain);
    byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id.length);
    out.writeBytes(id);
    out.writeBytes(iv);
    out.writeBytes(sealed);
    return out.toByteArray();
  }

  private ObjectNode decrypt(JsonNode in) throws KmsError {
    byte[] blob = unb64(in.path("CiphertextBlob"));
    ByteBuffer buf = ByteBuffer.wrap(blob);
    Key key;
    byte[] plain;
    try {
      byte[] id = new byte[buf.get() & 0xff];
      buf.get(id);
      key = keys.get(new String(id, StandardCharsets.US_ASCII));
      if (key == null || key.aes() == null) {
        throw KmsError.of("InvalidCiphertextException", "");
      }
      if (in.hasNonNull("KeyId") && !resolve(in.path("KeyId")).id().equals(key.id())) {
        throw KmsError.of("IncorrectKeyException",
            "The key ID in the request does not identify a CMK that can perform this operation.");
      }
      byte[] iv = new byte[12];
      buf.get(iv);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(128, iv));
      gcm.updateAAD(canonical(in.path("EncryptionContext")));
      plain = gcm.doFinal(blob, buf.position(), buf.remaining());
    } catch (RuntimeException | GeneralSecurityException e) {
      throw KmsError.of("InvalidCiphertextException", "");
    }
    return JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
        .put("Plaintext", b64(plain));
  }

  private ObjectNode describeKey(JsonNode in) throws KmsError {
    Key key = resolve(in.path("KeyId"));
    ObjectNode meta = JSON.createObjectNode()
        .put("AWSAccountId", ACCOUNT)
        .put("KeyId", key.id())
        .put("Arn", key.arn())
        .put("CreationDate", 1.7e9)
        .put("Enabled", true)
        .put("Description", "")
        .put("KeyState", "Enabled")
        .put("Origin", "AWS_KMS")
        .put("KeyManager", "CUSTOMER")
        .put("KeySpec", key.spec())
        .put("CustomerMasterKeySpec", key.spec())
        .put("MultiRegion", false);
    if (key.aes() != null) {
      meta.put("KeyUsage", "ENCRYPT_DECRYPT");
      meta.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    } else {
      meta.put("KeyUsage", "SIGN_VERIFY");
      meta.putArray("SigningAlgorithms").add("ECDSA_SHA_256");
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("KeyMetadata", meta);
    return out;
  }

  private Signature ecdsa(JsonNode in) throws KmsError, GeneralSecurityException {
    String type = in.path("MessageType").asText("RAW");
    if (type.equals("DIGEST")) {
      if (unb64(in.path("Message")).length != 32) {
        throw KmsError.of("ValidationException", "Digest length must be 32 for ECDSA_SHA_256");
      }
      return Signature.getInstance("NONEwithECDSA");
    }
    if (!type.equals("RAW") || unb64(in.path("Message")).length > 4096) {
      throw KmsError.of("ValidationException", "Invalid message");
    }
    return Signature.getInstance("SHA256withECDSA");
  }

  private ObjectNode sign(JsonNode in) throws KmsError, GeneralSecurityException {
    Key key = signing(in);
    Signature s = ecdsa(in);
    s.initSign(key.ec().getPrivate());
    s.update(unb64(in.path("Message")));
    return JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("SigningAlgorithm", "ECDSA_SHA_256")
        .put("Signature", b64(s.sign()));
  }

  private ObjectNode verify(JsonNode in) throws KmsError, GeneralSecurityException {
    Key key = signing(in);
    if (unb64(in.path("Signature")).length == 0) {
      throw KmsError.of("ValidationException", "1 validation error detected: Value at 'signature'"
          + " failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    Signature s = ecdsa(in);
    s.initVerify(key.ec().getPublic());
    s.update(unb64(in.path("Message")));
    boolean valid;
    try {
      valid = s.verify(unb64(in.path("Signature")));
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw KmsError.of("KMSInvalidSignatureException", "");
    }
    return JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("SigningAlgorithm", "ECDSA_SHA_256")
        .put("SignatureValid", true);
  }

  private ObjectNode getPublicKey(JsonNode in) throws KmsError {
    Key key = resolve(in.path("KeyId"));
    if (key.ec() == null) {
      throw KmsError.of("UnsupportedOperationException", key.arn() + " is not asymmetric");
    }
    ObjectNode out = JSON.createObjectNode()
        .put("KeyId", key.arn())
        .put("PublicKey", b64(key.ec().getPublic().getEncoded()))
        .put("KeySpec", key.spec())
        .put("CustomerMasterKeySpec", key.spec())
        .put("KeyUsage", "SIGN_VERIFY");
    out.putArray("SigningAlgorithms").add("ECDSA_SHA_256");
    return out;
  }

  private static byte[] canonical(JsonNode context) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : context.properties()) {
      sorted.put(e.getKey(), e.getValue().asText());
    }
    try {
      return JSON.writeValueAsBytes(sorted);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(JsonNode node) throws KmsError {
    try {
      return Base64.getDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw KmsError.of("ValidationException", "Invalid base64");
    }
  }
}
