package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.oneOf;
import static io.trainguard.samples.corpus.Draw.pick;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

/** Fictional people (name combinations), real place names and personal dates. */
final class PeopleValues {

  private PeopleValues() {}

  static final String[] FIRST = {"Ana", "Bo", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro",
      "Inès", "Jonas", "Kemi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven",
      "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë", "Søren", "José", "Chloé",
      "Małgorzata", "Björn", "Aoife", "Dmitri", "Fatima", "Kwame", "Leilani"};
  static final String[] LAST = {"Perez", "Okafor", "Novak", "Schmidt", "Tanaka", "Rossi",
      "Kowalski", "Haddad", "Murphy", "Larsen", "Silva", "Nguyen", "Dubois", "Fischer", "Moreau",
      "Ivanova", "Costa", "Jensen", "Mehta", "Walsh", "Müller", "Núñez", "Ødegaard", "Lefèvre",
      "Wiśniewska", "O'Brien", "García-Lorca", "Abernathy", "Castellanos", "Achterberg"};

  /** "First Last", sometimes with a middle initial or a double first name. */
  static String person(Random r) {
    String first = pick(r, FIRST);
    return switch (r.nextInt(5)) {
      case 0 -> first + " " + oneOf(r, "ABCDEHJKLMRST") + ". " + pick(r, LAST);
      case 1 -> first + "-" + pick(r, FIRST) + " " + pick(r, LAST);
      default -> first + " " + pick(r, LAST);
    };
  }

  /** ASCII, lower-case form of a name part for e-mail local parts. */
  static String ascii(String name) {
    String unfolded = name.replace("ø", "o").replace("Ø", "O").replace("ł", "l");
    return Normalizer.normalize(unfolded, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
        .toLowerCase(Locale.ROOT);
  }

  private static final String[] PLACES = {"Lisbon", "Kraków", "São Paulo", "Zürich",
      "Reykjavík", "Toronto", "Osaka", "Nairobi", "Melbourne", "Montréal", "Bogotá", "Edinburgh",
      "Seville", "Gdańsk", "New Orleans", "Cape Town", "Manchester", "Rotterdam", "Auckland",
      "Chennai", "Portugal", "Norway", "Kenya", "Chile", "Vietnam", "Ireland"};

  /** A city or country name. */
  static String location(Random r) {
    return pick(r, PLACES);
  }

  private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December"};

  /** A birth date (1940-2005) or appointment date (2024-2026) in one of several layouts. */
  static String date(Random r) {
    int year = r.nextBoolean() ? between(r, 1940, 2005) : between(r, 2024, 2026);
    int month = between(r, 1, 12);
    int day = between(r, 1, 28);
    String name = MONTHS[month - 1];
    return switch (r.nextInt(7)) {
      case 0 -> name + " " + day + ", " + year;
      case 1 -> day + " " + name + " " + year;
      case 2 -> String.format(Locale.ROOT, "%02d/%02d/%d", month, day, year);
      case 3 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
      case 4 -> String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
      case 5 -> name.substring(0, 3) + " " + day + ", " + year;
      default -> String.format(Locale.ROOT, "%02d-%s-%d", day, name.substring(0, 3), year);
    };
  }
}
