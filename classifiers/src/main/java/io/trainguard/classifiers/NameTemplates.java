package io.trainguard.classifiers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Training sentences the annotated corpora lack: support-ticket and chat phrasings ("Spoke to
 * …", "Hi …", "Customer: …"), names of many cultures (particles, hyphens, apostrophes,
 * diacritics, Vietnamese, Chinese and Japanese names in Latin script, lower-case chat names),
 * and look-alikes that are no names ("Dear Customer", months, weekdays, product names). Names
 * come from the bundled gazetteers and the lists below.
 */
final class NameTemplates {

  private static final String[] EXTRA_FIRST = {"Aoife", "Niamh", "Saoirse", "Ciarán", "Eóin",
      "Seán", "Máire", "Bríd", "Chidi", "Ngozi", "Emeka", "Folake", "Adaeze", "Tunde", "Kwame",
      "Thành", "Minh", "Huong", "Linh", "Quang", "Trung", "Xiaoming", "Jian", "Meiling", "Haruto",
      "Yui", "Sakura", "Ren", "Søren", "Åsa", "Jörg", "Zoë", "Renée", "Agnès", "Łukasz", "Dvořák",
      "Mehmet", "Ayşe", "Zeynep", "Oğuz", "Ravi", "Priyanka", "Anjali", "Thabo", "Lerato",
      "Sipho", "Farida", "Omar", "Yusuf", "Kofi", "Ines", "Mateus", "Bruna", "Ilse", "Marit",
      "Wren", "Hollis", "Ottoline", "Jasper", "Rufus", "Imogen", "Perpetua", "Bartholomew"};
  private static final String[] EXTRA_LAST = {"Ó Briain", "Mac Giolla", "O'Connor", "O'Neill",
      "D'Angelo", "McAllister", "MacDonald", "van der Berg", "van Dijk", "de la Cruz",
      "de Souza", "dos Santos", "von Trapp", "bin Abdullah", "bin Rashid", "al-Farsi", "ibn Said",
      "Okonkwo", "Adeyemi-Cole", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Wang", "Li", "Zhou",
      "Xu", "Takahashi", "Watanabe", "Kobayashi", "Yamamoto", "Müller", "Schäfer", "Łęcka",
      "Nowak-Kowalska", "Kowalczyk", "Øverli", "Håkansson", "Fernández-Ruiz", "García", "Núñez",
      "Yılmaz", "Öztürk", "Papadopoulos", "Nakamura-Reyes", "Whitlock", "Ashdown", "Penhaligon",
      "Tregarthen", "Fairweather", "Quennell"};
  private static final String[] VIETNAMESE_MIDDLE = {"Thị", "Văn", "Đức", "Ngọc", "Minh"};
  private static final String[] NOT_NAMES = {"Customer", "Team", "Support", "Sir or Madam",
      "Valued Customer", "Member", "Subscriber", "Friend", "Colleague", "Everyone", "All",
      "Admin", "Manager", "Hiring Manager", "User"};
  private static final String[] MONTHS_AND_DAYS = {"January", "February", "March", "April",
      "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
      "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  private static final String[] PRODUCTS = {"iPhone", "Galaxy S24", "Windows 11", "Excel",
      "Outlook", "Kindle", "PlayStation", "Xbox", "Chrome", "Firefox", "Android", "MacBook Pro",
      "Office 365", "Teams", "Slack", "Zoom", "Photoshop", "AirPods", "Pixel", "ThinkPad",
      "Premium Plan", "Gold Tier", "Order Tracker", "Smart Hub", "Echo Dot"};

  private static final String[][] PERSON_TEMPLATES = {
      {"", " complained about the late delivery."},
      {"", " called again about the refund."},
      {"Spoke to ", " about the billing issue."},
      {"Spoke to ", " today."},
      {"spoke to ", " earlier, will follow up"},
      {"Hi ", ","},
      {"Hi ", ", thanks for getting back to me."},
      {"Hello ", ", your ticket has been updated."},
      {"hey ", " can you check this"},
      {"thanks ", "!"},
      {"Customer: ", ""},
      {"User: ", ""},
      {"Name: ", ""},
      {"Agent: ", ""},
      {"Reported by ", "."},
      {"Dear ", ","},
      {"Please forward this to ", " in accounts."},
      {"Escalated to ", " on the second line team."},
      {"I talked with ", " and she said it would be fixed."},
      {"My manager ", " approved the change."},
      {"Assigned to ", "."},
      {"cc ", ""},
      {"Signed, ", ""},
      {"The parcel was signed for by ", "."},
      {"", " says the app crashes on login."},
      {"Contact person: ", ", phone to follow."}};
  private static final String[][] NEGATIVE_TEMPLATES = {
      {"Dear ", ","}, {"Hi ", ","}, {"Hello ", ", thanks for your patience."},
      {"", " account updated."}};
  private static final String[][] DATE_TEMPLATES = {
      {"The outage started on ", " morning."}, {"Billing runs every ", "."},
      {"", " was a busy month for support."}, {"See you on ", "."}};
  private static final String[][] PRODUCT_TEMPLATES = {
      {"My ", " keeps restarting after the update."}, {"", " crashes when I open the app."},
      {"I upgraded to ", " and now nothing syncs."}, {"Does the ", " support this feature?"}};
  private static final String[][] LOCATION_TEMPLATES = {
      {" lives in ", "."}, {" moved to ", " last year."}, {" from ", " called about the order."}};

  private NameTemplates() {
  }

  /** {@code count} sentences drawn with {@code random}. */
  static List<NameSample> samples(Random random, int count) {
    List<String> first = lines("first-names.txt");
    List<String> last = lines("last-names.txt");
    List<String> places = lines("places.txt");
    for (String f : EXTRA_FIRST) {
      first.add(f);
    }
    for (String l : EXTRA_LAST) {
      last.add(l);
    }
    List<NameSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Builder b = new Builder();
      int kind = random.nextInt(20);
      if (kind < 11) {
        String[] t = pick(random, PERSON_TEMPLATES);
        b.text(t[0]).name(person(random, first, last), "PERSON").text(t[1]);
      } else if (kind < 13) {
        String[] t = pick(random, LOCATION_TEMPLATES);
        b.name(person(random, first, last), "PERSON").text(t[0])
            .name(pick(random, places), "LOCATION").text(t[1]);
      } else if (kind < 15) {
        String[] t = pick(random, NEGATIVE_TEMPLATES);
        b.text(t[0] + pick(random, NOT_NAMES) + t[1]);
      } else if (kind < 17) {
        String[] t = pick(random, DATE_TEMPLATES);
        b.text(t[0] + pick(random, MONTHS_AND_DAYS) + t[1]);
      } else {
        String[] t = pick(random, PRODUCT_TEMPLATES);
        b.text(t[0] + pick(random, PRODUCTS) + t[1]);
      }
      samples.add(b.sample());
    }
    return samples;
  }

  private static String person(Random random, List<String> first, List<String> last) {
    String name;
    switch (random.nextInt(10)) {
      case 0 -> name = pick(random, first);
      case 1 -> name = pick(random, last) + " " + pick(random, VIETNAMESE_MIDDLE) + " "
          + pick(random, first);
      case 2 -> name = pick(random, first) + " " + (char) ('A' + random.nextInt(26)) + ". "
          + pick(random, last);
      case 3 -> name = pick(random, first) + "-" + pick(random, first) + " " + pick(random, last);
      default -> name = pick(random, first) + " " + pick(random, last);
    }
    return random.nextInt(8) == 0 ? name.toLowerCase(Locale.ROOT) : name;
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static List<String> lines(String resource) {
    try (InputStream in = NameTemplates.class.getResourceAsStream("gazetteer/" + resource)) {
      List<String> lines = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sentence built piece by piece, tokenized as {@link NameTokens} does. */
  private static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private final List<int[]> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    Builder text(String s) {
      text.append(s);
      return this;
    }

    Builder name(String s, String type) {
      names.add(new int[] {text.length(), text.length() + s.length()});
      types.add(type);
      text.append(s);
      return this;
    }

    NameSample sample() {
      NameTokens tokens = new NameTokens(text.toString());
      String[] all = new String[tokens.count()];
      for (int t = 0; t < all.length; t++) {
        all[t] = text.substring(tokens.start(t), tokens.end(t));
      }
      List<Span> spans = new ArrayList<>();
      for (int n = 0; n < names.size(); n++) {
        int from = -1;
        int to = -1;
        for (int t = 0; t < all.length; t++) {
          if (tokens.start(t) >= names.get(n)[0] && tokens.end(t) <= names.get(n)[1]) {
            from = from < 0 ? t : from;
            to = t + 1;
          }
        }
        spans.add(new Span(from, to, types.get(n)));
      }
      return new NameSample(all, spans.toArray(Span[]::new), true);
    }
  }
}
