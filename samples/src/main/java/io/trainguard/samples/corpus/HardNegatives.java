package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.chars;
import static io.trainguard.samples.corpus.Draw.digits;
import static io.trainguard.samples.corpus.Draw.pick;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values that look like personal data but are not, and must produce no finding. None holds a
 * date or time (every calendar date is DATE_TIME in Presidio's terms) nor a four-part dotted
 * version whose parts all fit an IPv4 octet (a genuine ambiguity); numeric decoys pass no
 * checksum scheme of the corpus.
 */
final class HardNegatives {

  private HardNegatives() {}

  /** One kind of decoy: a value and sentences that carry it ({@code {}} marks the value). */
  record Kind(String name, Function<Random, String> value, List<String> templates) {}

  private static final List<String> NEUTRAL = List.of("Reference {} was closed.", "{}",
      "Logged: {}", "Row 12 holds {}.");

  static final List<Kind> KINDS = kinds();

  private static List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>(List.of(
        new Kind("luhn_fail_card", FinanceValues::luhnFailingCard, List.of(
            "Order {} shipped.", "Tracking reference {} is in transit.",
            "Gift voucher serial {} was redeemed.")),
        new Kind("invalid_ssn", IdentityValues::invalidSsn, List.of(
            "Reference {} was rejected.", "SSN field contained {}, rejected by validation.")),
        new Kind("version", HardNegatives::version, List.of(
            "Upgraded to {} after the tests passed.", "Requires {} or later.",
            "Changelog for {}:")),
        new Kind("order_id", r -> pick(r, "ORD-" + plainDigits(r, between(r, 6, 8)),
            "SO-" + digits(r, 4) + "-" + Draw.oneOf(r, Draw.UPPER), "order #" + plainDigits(r, 8)),
            NEUTRAL),
        new Kind("invoice", r -> pick(r, "INV-" + plainDigits(r, 9),
            "INV " + digits(r, 2) + "-" + digits(r, 4), "F-" + digits(r, 4) + "-" + digits(r, 4)),
            List.of("Invoice {} is overdue.", "Paid {} in full.", "{}")),
        new Kind("hex_digest", r -> pick(r, "sha256:" + chars(r, Draw.HEX, 64),
            "commit " + chars(r, Draw.HEX, 40), "ETag \"" + chars(r, Draw.HEX, 32) + "\""),
            List.of("{}", "Artifact verified ({}).", "Build pinned to {}.")),
        new Kind("uuid", HardNegatives::uuid, List.of(
            "Request {} failed with status 502.", "{}", "trace_id={}")),
        new Kind("masked_card", r -> pick(r, "**** **** **** " + digits(r, 4),
            "XXXX-XXXX-XXXX-" + digits(r, 4), "ending in " + digits(r, 4)), List.of(
            "Paid with card {}.", "Card on file: {}")),
        new Kind("placeholder_secret", r -> pick(r, "password: ${DB_PASSWORD}",
            "api_key=<YOUR_API_KEY>", "token: ********", "aws_secret_access_key = REDACTED",
            "GITHUB_TOKEN={{ secrets.GITHUB_TOKEN }}", "SLACK_BOT_TOKEN=xoxb-your-token-here",
            "password=<redacted>"), List.of("{}", "Set {} in the environment file.")),
        new Kind("password_mention", r -> pick(r, "Click 'Forgot password' to reset it.",
            "The password must be at least twelve characters long.",
            "Password changed successfully.", "Never share your password or API key.",
            "Rotate the access key and the secret key regularly."), List.of("{}")),
        new Kind("invalid_ip", HardNegatives::invalidIp, List.of(
            "Malformed value {} rejected by the parser.", "{}")),
        new Kind("amount", HardNegatives::amount, List.of("Total: {}", "{} processed.", "{}")),
        new Kind("base64_blob", r -> "data:image/png;base64,iVBORw0KGgo"
            + Base64.getEncoder().encodeToString(Draw.bytes(r, between(r, 45, 120))), List.of(
            "<img src=\"{}\">", "{}")),
        new Kind("code_identifier", r -> pick(r, "java.util.concurrent.ConcurrentHashMap",
            "/usr/lib/x86_64-linux-gnu/libssl.so.3", "src/main/java/App.java:42",
            "org.apache.spark.sql.SparkSession", "node_modules/.bin/tsc",
            "com.fasterxml.jackson.databind"), List.of("Stack trace points at {}.", "{}")),
        new Kind("file_name", r -> pick(r, "README.md", "setup.py", "report_final.pdf",
            "main.rs", "index.js", "config.yaml", "notes.txt", "build.gradle.kts"), List.of(
            "Attached {}.", "See {} in the repo root.", "{}"))));
    kinds.addAll(badChecksums());
    return List.copyOf(kinds);
  }

  /** Values of the checksum-backed types whose check fails, in their positives' sentences. */
  private static List<Kind> badChecksums() {
    List<Kind> kinds = new ArrayList<>();
    kinds.add(bad("bad_iban", "IBAN_CODE", FinanceValues::ibanBadCheck));
    kinds.add(bad("bad_crypto", "CRYPTO", FinanceValues::bitcoinAddressBadChecksum));
    kinds.add(bad("bad_aba", "ABA_ROUTING_NUMBER",
        corrupt(FinanceValues::abaRouting, Checksums::isAbaValid)));
    kinds.add(bad("bad_npi", "US_NPI", corrupt(IdentityValues::usNpi, Checksums::isNpiValid)));
    kinds.add(bad("bad_nhs", "UK_NHS", corrupt(IdentityValues::ukNhs, Checksums::isNhsValid)));
    kinds.add(bad("bad_sin", "CA_SIN", corrupt(IdentityValues::caSin, Checksums::isLuhnValid)));
    kinds.add(bad("bad_tfn", "AU_TFN", corrupt(IdentityValues::auTfn, Checksums::isTfnValid)));
    kinds.add(bad("bad_abn", "AU_ABN", corrupt(IdentityValues::auAbn, Checksums::isAbnValid)));
    kinds.add(bad("bad_aadhaar", "IN_AADHAAR",
        corrupt(IdentityValues::inAadhaar, Checksums::isVerhoeffValid)));
    kinds.add(bad("bad_pesel", "PL_PESEL",
        corrupt(IdentityValues::plPesel, Checksums::isPeselValid)));
    kinds.add(bad("bad_nif", "ES_NIF", corrupt(IdentityValues::esNif, Checksums::isNifValid)));
    kinds.add(bad("bad_fiscal_code", "IT_FISCAL_CODE",
        corrupt(IdentityValues::itFiscalCode, Checksums::isFiscalCodeValid)));
    kinds.add(bad("bad_de_tax_id", "DE_TAX_ID",
        corrupt(IdentityValues::deTaxId, Checksums::isDeTaxIdValid)));
    kinds.add(bad("bad_nric", "SG_NRIC_FIN",
        corrupt(IdentityValues::sgNric, Checksums::isNricValid)));
    return kinds;
  }

  private static Kind bad(String name, String entity, Function<Random, String> value) {
    EntityType type = EntityCatalog.TYPES.stream().filter(t -> t.entity().equals(entity))
        .findFirst().orElseThrow();
    return new Kind(name, value, type.contextTemplates());
  }

  /**
   * A valid value with its last character replaced, kept only when its own check and (for
   * all-digit values) every other numeric scheme reject it.
   */
  private static Function<Random, String> corrupt(Function<Random, String> valid,
      Predicate<String> check) {
    return r -> {
      while (true) {
        String v = valid.apply(r);
        char last = v.charAt(v.length() - 1);
        String alphabet = Character.isDigit(last) ? Draw.DIGITS : Draw.UPPER;
        String bad = v.substring(0, v.length() - 1) + Draw.oneOf(r, alphabet);
        String compact = bad.replaceAll("[ .-]", "");
        boolean allDigits = compact.chars().allMatch(Character::isDigit);
        if (!check.test(compact) && !(allDigits && Checksums.anyNumericSchemeAccepts(compact))) {
          return bad;
        }
      }
    };
  }

  /** {@code n} digits that no checksum scheme of the corpus accepts. */
  private static String plainDigits(Random r, int n) {
    while (true) {
      String d = digits(r, n);
      if (!Checksums.anyNumericSchemeAccepts(d)) {
        return d;
      }
    }
  }

  /** Three-part versions, or four-part ones with a part above 255 (never an IPv4 address). */
  private static String version(Random r) {
    String v = between(r, 0, 12) + "." + between(r, 0, 30) + "." + between(r, 0, 40);
    return switch (r.nextInt(6)) {
      case 0 -> "v" + v;
      case 1 -> "release " + between(r, 6, 11) + ".0." + between(r, 10000, 26000);
      case 2 -> "version " + v;
      case 3 -> "numpy==" + v;
      case 4 -> v + "-rc" + between(r, 1, 5);
      default -> "Chrome/" + between(r, 100, 130) + ".0." + between(r, 4000, 6999) + "."
          + between(r, 10, 250);
    };
  }

  /** A money amount, row count, ratio or size: grouped digits that identify nobody. */
  private static String amount(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> String.format(Locale.ROOT, "$%,d.%02d", between(r, 1000, 999999), r.nextInt(100));
      case 1 -> String.format(Locale.ROOT, "%,d rows", between(r, 10000, 99999999));
      case 2 -> "3.14159";
      case 3 -> between(r, 10, 99) + "." + r.nextInt(10) + "%";
      default -> String.format(Locale.ROOT, "%,d MB", between(r, 1024, 65536));
    };
  }

  /** A random (version 4, IETF variant) UUID drawn from {@code r}. */
  private static String uuid(Random r) {
    long high = r.nextLong() & ~0xF000L | 0x4000L;
    long low = r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** A dotted quad with one part above 255. */
  private static String invalidIp(Random r) {
    int[] parts = {between(r, 1, 255), r.nextInt(256), r.nextInt(256), between(r, 1, 254)};
    parts[r.nextInt(4)] = between(r, 256, 999);
    return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
  }
}
