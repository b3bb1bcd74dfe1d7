package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.digits;
import static io.trainguard.samples.corpus.Draw.group;
import static io.trainguard.samples.corpus.Draw.pick;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fictional payment and banking values: cards, bank accounts, routing numbers, IBANs, BTC. */
final class FinanceValues {

  private FinanceValues() {}

  /** Issuer prefix, length and print grouping of the card brands the corpus draws from. */
  private record Brand(String[] prefixes, int length, int[] groups) {}

  private static final int[] FOUR_BY_FOUR = {4, 4, 4, 4};
  private static final Brand[] BRANDS = {
      new Brand(new String[] {"4"}, 16, FOUR_BY_FOUR),                               // Visa
      new Brand(new String[] {"51", "52", "53", "54", "55", "2221", "2720"}, 16, FOUR_BY_FOUR),
      new Brand(new String[] {"34", "37"}, 15, new int[] {4, 6, 5}),                 // Amex
      new Brand(new String[] {"6011", "65"}, 16, FOUR_BY_FOUR),                      // Discover
      new Brand(new String[] {"3528", "3589"}, 16, FOUR_BY_FOUR),                    // JCB
      new Brand(new String[] {"36"}, 14, new int[] {4, 6, 4})};                      // Diners

  /** A Luhn-valid card number of a real issuer prefix, spaced, dashed or bare. */
  static String creditCard(Random r) {
    Brand brand = pick(r, BRANDS);
    String payload = pick(r, brand.prefixes());
    payload += digits(r, brand.length() - 1 - payload.length());
    String number = payload + Checksums.luhnCheckDigit(payload);
    return group(number, pick(r, " ", " ", "-", ""), brand.groups());
  }

  /** The same issuer prefixes and layout with a check digit that fails Luhn (and every scheme). */
  static String luhnFailingCard(Random r) {
    while (true) {
      String card = creditCard(r);
      String digits = card.replaceAll("[^0-9]", "");
      int last = digits.charAt(digits.length() - 1) - '0';
      String bad = digits.substring(0, digits.length() - 1) + (last + between(r, 1, 9)) % 10;
      if (!Checksums.anyNumericSchemeAccepts(bad)) {
        return card.substring(0, card.length() - 1) + bad.charAt(bad.length() - 1);
      }
    }
  }

  /** A US bank account number: 8 to 17 digits. */
  static String usBankNumber(Random r) {
    return between(r, 1, 9) + digits(r, between(r, 7, 16));
  }

  /** An ABA routing number: Federal Reserve prefix 01-12, 21-32, 61-72 or 80, 3-7-1 check. */
  static String abaRouting(Random r) {
    int prefix = pick(r, between(r, 1, 12), between(r, 21, 32), between(r, 61, 72), 80);
    String number = String.format(Locale.ROOT, "%02d", prefix) + digits(r, 6);
    number += Checksums.abaCheckDigit(number);
    return r.nextInt(5) == 0 ? group(number, "-", 4, 4, 1) : number;
  }

  /** Per country: IBAN length and BBAN layout (n = digit, a = upper-case letter, c = either). */
  private static final String[][] IBAN_FORMATS = {
      {"DE", "18n"}, {"GB", "4a14n"}, {"FR", "10n11c2n"}, {"ES", "20n"}, {"IT", "1a10n12c"},
      {"NL", "4a10n"}, {"BE", "12n"}, {"CH", "5n12c"}, {"AT", "16n"}, {"PL", "24n"},
      {"SE", "20n"}, {"NO", "11n"}, {"DK", "14n"}, {"FI", "14n"}, {"IE", "4a14n"},
      {"PT", "21n"}, {"LU", "3n13c"}};

  /** A mod-97-valid IBAN of a European country, in print (groups of four) or electronic form. */
  static String iban(Random r) {
    String[] format = pick(r, IBAN_FORMATS);
    String bban = bban(r, format[1]);
    String iban = format[0] + Checksums.ibanCheckDigits(format[0], bban) + bban;
    return r.nextBoolean() ? iban : printForm(iban);
  }

  /** Same layout with check digits that fail mod 97. */
  static String ibanBadCheck(Random r) {
    String[] format = pick(r, IBAN_FORMATS);
    String bban = bban(r, format[1]);
    int good = Integer.parseInt(Checksums.ibanCheckDigits(format[0], bban));
    int bad = 2 + (good - 2 + between(r, 1, 96)) % 97; // valid check digits range 02..98
    String iban = format[0] + String.format(Locale.ROOT, "%02d", bad) + bban;
    return r.nextBoolean() ? iban : printForm(iban);
  }

  private static final Pattern BBAN_PART = Pattern.compile("(\\d+)([nac])");

  private static String bban(Random r, String layout) {
    StringBuilder b = new StringBuilder();
    for (Matcher m = BBAN_PART.matcher(layout); m.find(); ) {
      String alphabet = switch (m.group(2)) {
        case "n" -> Draw.DIGITS;
        case "a" -> Draw.UPPER;
        default -> Draw.UPPER + Draw.DIGITS;
      };
      b.append(Draw.chars(r, alphabet, Integer.parseInt(m.group(1))));
    }
    return b.toString();
  }

  private static String printForm(String iban) {
    return iban.replaceAll("(.{4})(?!$)", "$1 ");
  }

  /** A Bitcoin address of a random (key-less) hash: P2PKH, P2SH, P2WPKH or P2TR. */
  static String bitcoinAddress(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> BitcoinAddresses.base58Check(0x00, Draw.bytes(r, 20));
      case 1 -> BitcoinAddresses.base58Check(0x05, Draw.bytes(r, 20));
      case 2 -> BitcoinAddresses.segwit("bc", 0, Draw.bytes(r, 20));
      default -> BitcoinAddresses.segwit("bc", 1, Draw.bytes(r, 32));
    };
  }

  /** A Bitcoin address with one character replaced, so its checksum fails. */
  static String bitcoinAddressBadChecksum(Random r) {
    while (true) {
      String a = bitcoinAddress(r);
      boolean bech = a.startsWith("bc1");
      String alphabet = bech ? "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
          : "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
      int at = between(r, bech ? 4 : 1, a.length() - 1);
      String bad = a.substring(0, at) + Draw.oneOf(r, alphabet) + a.substring(at + 1);
      boolean valid = bech ? BitcoinAddresses.isBech32Valid(bad)
          : BitcoinAddresses.isBase58CheckValid(bad);
      if (!valid) {
        return bad;
      }
    }
  }
}
