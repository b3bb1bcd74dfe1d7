package io.trainguard.samples.corpus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a correctly labelled value of each entity type looks like, written independently of the
 * generators: a format (regex or parser) and, where the type has one, its checksum.
 */
final class EntityShapes {

  private EntityShapes() {}

  static final Map<String, Predicate<String>> SHAPES = Map.ofEntries(
      Map.entry("CREDIT_CARD", v -> matches(v, "[0-9]{4}([ -]?)[0-9 -]+[0-9]")
          && digits(v).length() >= 14 && digits(v).length() <= 16
          && Checksums.isLuhnValid(digits(v))),
      Map.entry("US_SSN", v -> matches(v, "[0-8][0-9]{2}([- ]?)[0-9]{2}\\1[0-9]{4}")
          && !digits(v).startsWith("000") && !digits(v).startsWith("666")
          && !digits(v).substring(3, 5).equals("00") && !digits(v).endsWith("0000")),
      Map.entry("US_ITIN", v -> matches(v,
          "9[0-9]{2}([- ]?)(5[0-9]|6[0-5]|7[0-9]|8[0-8]|9[0-2]|9[4-9])\\1[0-9]{4}")),
      Map.entry("US_PASSPORT", v -> matches(v, "[A-Z][0-9]{8}|[1-9][0-9]{8}")),
      Map.entry("US_DRIVER_LICENSE", v -> matches(v, "[A-Z][0-9]{7}|[A-Z][0-9]{3}-[0-9]{3}-"
          + "[0-9]{2}-[0-9]{3}-[0-9]|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}|[0-9]{3} [0-9]{3} [0-9]{3}"
          + "|[0-9]{2} [0-9]{3} [0-9]{3}|[0-9]{8}")),
      Map.entry("US_BANK_NUMBER", v -> matches(v, "[1-9][0-9]{7,16}")),
      Map.entry("ABA_ROUTING_NUMBER", v -> matches(v, "(0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]"
          + "|80)[0-9]{2}-?[0-9]{4}-?[0-9]") && Checksums.isAbaValid(digits(v))),
      Map.entry("US_NPI", v -> matches(v, "[0-9]{10}") && Checksums.isNpiValid(v)),
      Map.entry("US_MBI", v -> matches(v.replace("-", ""),
          "[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]"
              + "[AC-HJKMNP-RT-Y]{2}[0-9]{2}")),
      Map.entry("MEDICAL_LICENSE", Checksums::isDeaValid),
      Map.entry("EMAIL_ADDRESS",
          v -> matches(v, "[A-Za-z0-9._+-]+@([a-z]+\\.)*example(\\.(com|org|net|edu))?")),
      Map.entry("PHONE_NUMBER", v -> matches(v, "[+(0-9][0-9 ().-]+[0-9]")
          && digits(v).length() >= 10 && digits(v).length() <= 13),
      Map.entry("IP_ADDRESS", EntityShapes::isIpAddress),
      Map.entry("MAC_ADDRESS", v -> matches(v, "([0-9A-F]{2}[:-]){5}[0-9A-F]{2}|([0-9a-f]{2}[:-])"
          + "{5}[0-9a-f]{2}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}")),
      Map.entry("URL", v -> matches(v, "(https?://|www\\.)[a-z.]*example\\.(com|org|net)"
          + "/[A-Za-z0-9/?=&+._-]*")),
      Map.entry("IBAN_CODE", v -> matches(v, "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}|[A-Z]{2}[0-9]{2}"
          + "( [A-Z0-9]{4})+( [A-Z0-9]{1,3})?") && Checksums.isIbanValid(v.replace(" ", ""))),
      Map.entry("CRYPTO", v -> v.startsWith("bc1") ? BitcoinAddresses.isBech32Valid(v)
          : matches(v, "[13][1-9A-HJ-NP-Za-km-z]{25,34}")
              && BitcoinAddresses.isBase58CheckValid(v)),
      Map.entry("DATE_TIME", EntityShapes::isDate),
      Map.entry("UK_NHS", v -> matches(v, "[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{4}")
          && Checksums.isNhsValid(digits(v))),
      Map.entry("UK_NINO", v -> matches(v, "[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]( ?)[0-9]{2}\\1"
          + "[0-9]{2}\\1[0-9]{2}\\1[A-D]") && !List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")
          .contains(v.substring(0, 2))),
      Map.entry("UK_POSTCODE",
          v -> matches(v, "[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}")),
      Map.entry("CA_SIN", v -> matches(v, "[1-79][0-9]{2}([ -]?)[0-9]{3}\\1[0-9]{3}")
          && Checksums.isLuhnValid(digits(v))),
      Map.entry("AU_TFN", v -> matches(v, "[0-9]{3}( ?)[0-9]{3}\\1[0-9]{3}")
          && Checksums.isTfnValid(digits(v))),
      Map.entry("AU_ABN", v -> matches(v, "[1-9][0-9]( ?)[0-9]{3}\\1[0-9]{3}\\1[0-9]{3}")
          && Checksums.isAbnValid(digits(v))),
      Map.entry("IN_AADHAAR", v -> matches(v, "[2-9][0-9]{3}([ -]?)[0-9]{4}\\1[0-9]{4}")
          && Checksums.isVerhoeffValid(digits(v))),
      Map.entry("IN_PAN", v -> matches(v, "[A-Z]{3}[PCHFATBLJG][A-Z][0-9]{4}[A-Z]")),
      Map.entry("DE_TAX_ID", v -> matches(v, "[1-9][0-9]( ?)[0-9]{3}\\1[0-9]{3}\\1[0-9]{3}")
          && Checksums.isDeTaxIdValid(digits(v))),
      Map.entry("ES_NIF", v -> matches(v, "[0-9]{8}-?[A-Z]|[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}-[A-Z]")
          && Checksums.isNifValid(v.replaceAll("[.-]", ""))),
      Map.entry("IT_FISCAL_CODE", Checksums::isFiscalCodeValid),
      Map.entry("PL_PESEL", v -> matches(v, "[0-9]{2}([02][1-9]|[13][0-2])[0-2][0-9]{6}")
          && Checksums.isPeselValid(v)),
      Map.entry("SG_NRIC_FIN", Checksums::isNricValid),
      Map.entry("AWS_ACCESS_KEY", v -> matches(v, "(AKIA|ASIA)[A-Z2-7]{16}")),
      Map.entry("AWS_SECRET_KEY", v -> matches(v, "[A-Za-z0-9+/]{40}")),
      Map.entry("PRIVATE_KEY", v -> matches(v, "(?s)-----BEGIN ((RSA |EC |OPENSSH )?PRIVATE KEY|"
          + "PGP PRIVATE KEY BLOCK)-----\n.+\n-----END \\1-----")),
      Map.entry("JWT", EntityShapes::isJwt),
      Map.entry("GITHUB_TOKEN", v -> matches(v, "gh[pousr]_[A-Za-z0-9]{36}"
          + "|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}")),
      Map.entry("SLACK_TOKEN", v -> matches(v, "xox[bp]-[0-9]{10,13}-[0-9]{11,13}(-[0-9]{13})?-"
          + "[A-Za-z0-9]{24,32}|xapp-1-A[A-Z0-9]{10}-[0-9]{13}-[a-f0-9]{64}")),
      Map.entry("GENERIC_API_KEY", v -> matches(v, "[A-Za-z0-9]{32,40}")),
      Map.entry("PASSWORD", v -> matches(v, "[A-Za-z][^\\s'\".,]{9,}")),
      Map.entry("PERSON", v -> matches(v, "\\p{Lu}\\p{L}+(-\\p{Lu}\\p{L}+)?( \\p{Lu}\\.)?"
          + " \\p{Lu}[\\p{L}'-]+")),
      Map.entry("LOCATION", v -> matches(v, "\\p{Lu}\\p{L}+( \\p{Lu}\\p{L}+)?")));

  static boolean matches(String value, String regex) {
    return Pattern.compile(regex).matcher(value).matches();
  }

  static String digits(String v) {
    return v.replaceAll("[^0-9]", "");
  }

  private static boolean isIpAddress(String v) {
    if (matches(v, "[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      for (String part : v.split("\\.")) {
        if (Integer.parseInt(part) > 255 || part.length() > 1 && part.startsWith("0")) {
          return false;
        }
      }
      return true;
    }
    try {
      // A literal with colons is parsed, never looked up.
      return matches(v, "[0-9A-Fa-f:]+") && InetAddress.getByName(v).getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static final List<DateTimeFormatter> DATE_FORMATS = List.of("MMMM d, uuuu",
      "d MMMM uuuu", "MM/dd/uuuu", "uuuu-MM-dd", "dd.MM.uuuu", "MMM d, uuuu", "dd-MMM-uuuu")
      .stream().map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH)).toList();

  private static boolean isDate(String v) {
    for (DateTimeFormatter f : DATE_FORMATS) {
      try {
        LocalDate.parse(v, f);
        return true;
      } catch (DateTimeParseException e) {
        // try the next layout
      }
    }
    return false;
  }

  private static boolean isJwt(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3 || !matches(v, "[A-Za-z0-9_.-]+")) {
      return false;
    }
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    return header.startsWith("{\"alg\":") && claims.startsWith("{") && claims.endsWith("}")
        && Base64.getUrlDecoder().decode(parts[2]).length >= 32;
  }
}
