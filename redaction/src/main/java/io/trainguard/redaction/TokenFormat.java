package io.trainguard.redaction;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The shape shared by {@code hash} and {@code tokenize} outputs: {@code PREFIX_LABEL_PAYLOAD},
 * where LABEL is the entity name with every character outside {@code [A-Za-z0-9_]} turned into
 * {@code _} and PAYLOAD is {@link Base32}, which has no {@code _}, so the last {@code _} always
 * ends the label.
 */
final class TokenFormat {

  private TokenFormat() {}

  static String label(String entity) {
    StringBuilder label = new StringBuilder(entity.length());
    for (int i = 0; i < entity.length(); i++) {
      char c = entity.charAt(i);
      boolean word = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      label.append(word ? c : '_');
    }
    return label.toString();
  }

  static String format(String prefix, String label, byte[] payload) {
    return prefix + "_" + label + "_" + Base32.encode(payload);
  }

  /** UTF-8 of {@code value}, or null if it holds a lone surrogate (no UTF-8 round trip). */
  static byte[] utf8(String value) {
    try {
      ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(value));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
