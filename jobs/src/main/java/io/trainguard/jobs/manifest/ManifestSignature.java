package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.Signer;
import java.util.Base64;

/**
 * Signs a manifest in place: {@code signature} = {algorithm, key_id, value}, where value signs
 * the {@link CanonicalJson} bytes of the manifest without its {@code signature} member.
 */
public final class ManifestSignature {

  public static final String FIELD = "signature";

  private ManifestSignature() {}

  public static ObjectNode sign(ObjectNode manifest, Signer signer) {
    ObjectNode unsigned = manifest.deepCopy();
    unsigned.remove(FIELD);
    byte[] signature = signer.sign(CanonicalJson.bytes(unsigned));
    unsigned.putObject(FIELD)
        .put("algorithm", signer.algorithm())
        .put("key_id", signer.keyId())
        .put("value", Base64.getEncoder().encodeToString(signature));
    return unsigned;
  }

  /** Why the signature does not hold, or null when it does. */
  public static String check(JsonNode manifest, Signer signer) {
    JsonNode sig = manifest.path(FIELD);
    if (!sig.isObject()) {
      return "manifest is not signed";
    }
    if (!signer.keyId().equals(sig.path("key_id").asText())) {
      return "manifest was signed by key " + sig.path("key_id").asText() + ", not "
          + signer.keyId();
    }
    if (!signer.algorithm().equals(sig.path("algorithm").asText())) {
      return "unsupported signature algorithm " + sig.path("algorithm").asText();
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(sig.path("value").asText());
    } catch (IllegalArgumentException e) {
      return "signature is not valid base64";
    }
    ObjectNode unsigned = ((ObjectNode) manifest).deepCopy();
    unsigned.remove(FIELD);
    return signer.verify(CanonicalJson.bytes(unsigned), value) ? null
        : "signature does not match the manifest's content";
  }
}
