package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.chars;
import static io.trainguard.samples.corpus.Draw.digits;
import static io.trainguard.samples.corpus.Draw.group;
import static io.trainguard.samples.corpus.Draw.oneOf;
import static io.trainguard.samples.corpus.Draw.pick;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Fictional national, tax and health identifiers, each with its real structure and check. */
final class IdentityValues {

  private IdentityValues() {}

  // ---- United States ----

  /** Area 001-899 except 666, group 01-99, serial 0001-9999, not a published sample. */
  static String usSsn(Random r) {
    while (true) {
      int area = between(r, 1, 899);
      String digits = String.format(Locale.ROOT, "%03d%02d%04d", area, between(r, 1, 99),
          between(r, 1, 9999));
      if (area != 666 && !digits.equals("078051120") && !digits.equals("219099999")
          && !digits.equals("123456789") && digits.chars().distinct().count() > 1) {
        return group(digits, pick(r, "-", "-", " ", ""), 3, 2, 4);
      }
    }
  }

  /**
   * Never-issued SSNs: area 000, 666 or 9xx (outside ITIN groups), group 00 or serial 0000;
   * drawn again when the digits happen to pass another scheme (ABA, TFN, Luhn).
   */
  static String invalidSsn(Random r) {
    while (true) {
      int area = between(r, 1, 665);
      int group = between(r, 1, 99);
      int serial = between(r, 1, 9999);
      switch (r.nextInt(5)) {
        case 0 -> area = 0;
        case 1 -> area = 666;
        case 2 -> {
          area = between(r, 900, 999);
          group = between(r, 1, 49); // 50-65, 70-88, 90-92, 94-99 would be an ITIN
        }
        case 3 -> group = 0;
        default -> serial = 0;
      }
      String digits = String.format(Locale.ROOT, "%03d%02d%04d", area, group, serial);
      if (!Checksums.anyNumericSchemeAccepts(digits)) {
        return group(digits, "-", 3, 2, 4);
      }
    }
  }

  /** ITIN: area 9xx, group 50-65, 70-88, 90-92 or 94-99. */
  static String usItin(Random r) {
    int groupNumber = pick(r, between(r, 50, 65), between(r, 70, 88), between(r, 90, 92),
        between(r, 94, 99));
    String digits = "9" + digits(r, 2) + groupNumber + digits(r, 4);
    return group(digits, pick(r, "-", "-", " ", ""), 3, 2, 4);
  }

  /** Next-generation passport (a letter and eight digits) or the older nine digits. */
  static String usPassport(Random r) {
    return r.nextInt(3) > 0 ? oneOf(r, "ACEFHJKLMNPRSTWXZ") + digits(r, 8)
        : between(r, 1, 9) + digits(r, 8);
  }

  /** Driver licence numbers in the layouts of a few states (CA, FL, IL, NY, PA, TX). */
  static String usDriverLicense(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> oneOf(r, Draw.UPPER) + digits(r, 7);                                     // CA
      case 1 -> oneOf(r, Draw.UPPER) + group(digits(r, 12), "-", 3, 3, 2, 3, 1);         // FL
      case 2 -> oneOf(r, Draw.UPPER) + group(digits(r, 11), "-", 3, 4, 4);               // IL
      case 3 -> group(between(r, 1, 9) + digits(r, 8), " ", 3, 3, 3);                    // NY
      case 4 -> group(between(r, 1, 9) + digits(r, 7), " ", 2, 3, 3);                    // PA
      default -> between(r, 1, 4) + digits(r, 7);                                        // TX
    };
  }

  /** NPI: ten digits starting 1 or 2, Luhn check over the 80840 prefix. */
  static String usNpi(Random r) {
    String payload = between(r, 1, 2) + digits(r, 8);
    return payload + Checksums.luhnCheckDigit("80840" + payload);
  }

  private static final String MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"; // no S, L, O, I, B, Z

  /** Medicare Beneficiary Identifier: C A AN N A AN N A A N N, bare or dashed 4-3-4. */
  static String usMbi(Random r) {
    String alnum = MBI_LETTERS + Draw.DIGITS;
    String mbi = "" + between(r, 1, 9) + oneOf(r, MBI_LETTERS) + oneOf(r, alnum) + digits(r, 1)
        + oneOf(r, MBI_LETTERS) + oneOf(r, alnum) + digits(r, 1)
        + chars(r, MBI_LETTERS, 2) + digits(r, 2);
    return r.nextBoolean() ? mbi : mbi.substring(0, 4) + "-" + mbi.substring(4, 7) + "-"
        + mbi.substring(7);
  }

  /** A DEA registration number (Presidio's MEDICAL_LICENSE): two letters, seven digits. */
  static String deaNumber(Random r) {
    String six = digits(r, 6);
    return "" + oneOf(r, "ABFGMPRX") + oneOf(r, Draw.UPPER) + six + Checksums.deaCheckDigit(six);
  }

  // ---- United Kingdom ----

  /** NHS number (issued ranges 4xx, 6xx; test range 999): mod 11; 3-3-4 spaced, dashed or bare. */
  static String ukNhs(Random r) {
    while (true) {
      String prefix = pick(r, "4", "6", "999");
      String nine = prefix + digits(r, 9 - prefix.length());
      int check = Checksums.nhsCheckDigit(nine);
      if (check >= 0) {
        return group(nine + check, pick(r, " ", " ", "-", ""), 3, 3, 4);
      }
    }
  }

  /** National Insurance number: allowed prefix letters, six digits, suffix A-D. */
  static String ukNino(Random r) {
    while (true) {
      String prefix = "" + oneOf(r, "ABCEGHJKLMNOPRSTWXYZ") + oneOf(r, "ABCEGHJKLMNPRSTWXYZ");
      if (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix)) {
        continue;
      }
      String six = digits(r, 6);
      char suffix = oneOf(r, "ABCD");
      return r.nextBoolean() ? prefix + six + suffix
          : prefix + " " + group(six, " ", 2, 2, 2) + " " + suffix;
    }
  }

  // ---- Canada, Australia, India ----

  /** Social Insurance Number: Luhn-valid, first digit 1-7 or 9; spaced, dashed or bare. */
  static String caSin(Random r) {
    String payload = pick(r, "1", "2", "3", "4", "5", "6", "7", "9") + digits(r, 7);
    return group(payload + Checksums.luhnCheckDigit(payload), pick(r, " ", "-", ""), 3, 3, 3);
  }

  /** Tax File Number: nine digits, weights 1,4,3,7,5,8,6,9,10, divisible by 11. */
  static String auTfn(Random r) {
    while (true) {
      String eight = digits(r, 8);
      int check = Checksums.tfnCheckDigit(eight);
      if (check >= 0) {
        return group(eight + check, pick(r, " ", ""), 3, 3, 3);
      }
    }
  }

  /** Australian Business Number: two check digits (mod 89) and nine digits, 2-3-3-3. */
  static String auAbn(Random r) {
    String nine = digits(r, 9);
    return group(Checksums.abnCheckDigits(nine) + nine, pick(r, " ", " ", ""), 2, 3, 3, 3);
  }

  /** Aadhaar: twelve digits, first 2-9, Verhoeff check; 4-4-4 spaced, dashed or bare. */
  static String inAadhaar(Random r) {
    String payload = between(r, 2, 9) + digits(r, 10);
    return group(payload + Checksums.verhoeffCheckDigit(payload), pick(r, " ", " ", "-", ""),
        4, 4, 4);
  }

  /** PAN: five letters (the fourth the holder type), four digits, a letter. */
  static String inPan(Random r) {
    return chars(r, Draw.UPPER, 3) + pick(r, "P", "P", "P", "C", "H", "F", "A", "T")
        + oneOf(r, Draw.UPPER) + digits(r, 4) + oneOf(r, Draw.UPPER);
  }

  // ---- Europe, Singapore ----

  /** Steuer-ID: ten digits with exactly one digit doubled, no leading zero, MOD 11,10 check. */
  static String deTaxId(Random r) {
    List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    Collections.shuffle(pool, r);
    List<Integer> ten = new ArrayList<>(pool.subList(0, 9)); // one digit left out...
    ten.add(ten.get(r.nextInt(9)));                            // ...and one appears twice
    do {
      Collections.shuffle(ten, r);
    } while (ten.get(0) == 0);
    StringBuilder b = new StringBuilder();
    ten.forEach(b::append);
    String id = b.toString() + Checksums.deTaxIdCheckDigit(b.toString());
    return r.nextBoolean() ? id : group(id, " ", 2, 3, 3, 3);
  }

  /** Spanish DNI/NIF: eight digits and the mod-23 letter, written a few common ways. */
  static String esNif(Random r) {
    String eight = digits(r, 8);
    char letter = Checksums.nifLetter(eight);
    return switch (r.nextInt(4)) {
      case 0 -> eight + "-" + letter;
      case 1 -> eight.substring(0, 2) + "." + eight.substring(2, 5) + "." + eight.substring(5)
          + "-" + letter;
      default -> eight + letter;
    };
  }

  private static final String CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ";
  private static final String[] COMUNI = {"H501", "F205", "L219", "A662", "G273", "D612",
      "F839", "L736", "C351", "B354"};

  /** Codice fiscale: surname and name letters, birth date and place, check letter. */
  static String itFiscalCode(Random r) {
    int day = between(r, 1, 28) + (r.nextBoolean() ? 40 : 0); // women: day + 40
    String fifteen = chars(r, CONSONANTS, 6) + String.format(Locale.ROOT, "%02d", r.nextInt(100))
        + oneOf(r, "ABCDEHLMPRST") + String.format(Locale.ROOT, "%02d", day) + pick(r, COMUNI);
    return fifteen + Checksums.fiscalCodeCheckChar(fifteen);
  }

  /** PESEL: birth date (month +20 after 1999), serial, sex digit and check digit. */
  static String plPesel(Random r) {
    int year = between(r, 1940, 2009);
    int month = between(r, 1, 12) + (year >= 2000 ? 20 : 0);
    String ten = String.format(Locale.ROOT, "%02d%02d%02d", year % 100, month, between(r, 1, 28))
        + digits(r, 4);
    return ten + Checksums.peselCheckDigit(ten);
  }

  /** NRIC/FIN: S, T, F or G, seven digits and the weighted check letter. */
  static String sgNric(Random r) {
    char prefix = oneOf(r, "STFG");
    String seven = digits(r, 7);
    return "" + prefix + seven + Checksums.nricCheckLetter(prefix, seven);
  }
}
