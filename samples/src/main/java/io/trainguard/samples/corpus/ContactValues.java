package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.chars;
import static io.trainguard.samples.corpus.Draw.digits;
import static io.trainguard.samples.corpus.Draw.oneOf;
import static io.trainguard.samples.corpus.Draw.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Contact and network values in ranges reserved for fiction or documentation: example.*
 * domains, 555-01xx and Ofcom/ARCEP drama numbers, RFC 5737/3849 addresses.
 */
final class ContactValues {

  private ContactValues() {}

  private static final String[] DOMAINS = {"example.com", "example.org", "example.net",
      "mail.example.com", "corp.example", "students.example.edu"};

  /** An e-mail address built from a fictional name at a reserved domain. */
  static String email(Random r) {
    String first = PeopleValues.ascii(pick(r, PeopleValues.FIRST));
    String last = PeopleValues.ascii(pick(r, PeopleValues.LAST));
    String local = switch (r.nextInt(5)) {
      case 0 -> first + "." + last;
      case 1 -> first + last + between(r, 1, 99);
      case 2 -> first.charAt(0) + "." + last + "+" + pick(r, "news", "billing", "work");
      case 3 -> first + "_" + last;
      default -> last + "." + first.charAt(0);
    };
    String address = local + "@" + pick(r, DOMAINS);
    return r.nextInt(8) == 0 ? Character.toUpperCase(address.charAt(0)) + address.substring(1)
        : address;
  }

  /** A phone number in a fictional range: US/CA, UK, France, Australia or Germany. */
  static String phone(Random r) {
    String area = String.valueOf(between(r, 201, 989));
    String line = "01" + digits(r, 2);
    return switch (r.nextInt(10)) {
      case 0 -> "(" + area + ") 555-" + line;
      case 1 -> area + "-555-" + line;
      case 2 -> area + ".555." + line;
      case 3 -> "+1 " + area + " 555 " + line;
      case 4 -> "+1-" + area + "-555-" + line;
      case 5 -> pick(r, "+44 20 7946 0", "020 7946 0") + digits(r, 3);
      case 6 -> pick(r, "+44 7700 900", "07700 900") + digits(r, 3);
      case 7 -> pick(r, "+33 1 99 00 ", "01 99 00 ") + digits(r, 2) + " " + digits(r, 2);
      case 8 -> pick(r, "+61 3 7010 ", "(03) 7010 ") + digits(r, 4);
      default -> pick(r, "+49 30 23125 ", "030 23125 ") + digits(r, 3);
    };
  }

  /** IPv4 (documentation or private ranges) or IPv6 (2001:db8::/32, link-local). */
  static String ipAddress(Random r) {
    return r.nextInt(3) > 0 ? ipv4(r) : ipv6(r);
  }

  private static String ipv4(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "192.0.2." + between(r, 1, 254);
      case 1 -> "198.51.100." + between(r, 1, 254);
      case 2 -> "203.0.113." + between(r, 1, 254);
      case 3 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + between(r, 1, 254);
      case 4 -> "172." + between(r, 16, 31) + "." + r.nextInt(256) + "." + between(r, 1, 254);
      default -> "192.168." + r.nextInt(256) + "." + between(r, 1, 254);
    };
  }

  private static String ipv6(Random r) {
    List<String> groups = new ArrayList<>();
    boolean linkLocal = r.nextInt(4) == 0;
    groups.add(linkLocal ? "fe80" : "2001");
    groups.add(linkLocal ? "0" : "db8");
    for (int i = 2; i < 8; i++) {
      groups.add(Integer.toHexString(r.nextInt(3) == 0 ? 0 : r.nextInt(0x10000)));
    }
    String address = switch (r.nextInt(3)) {
      case 0 -> String.join(":", groups.stream()
          .map(g -> "0000".substring(g.length()) + g).toList());        // full, zero-padded
      case 1 -> String.join(":", groups);                                // full, short groups
      default -> (linkLocal ? "fe80" : "2001:db8") + "::"                 // compressed
          + String.join(":", groups.subList(between(r, 4, 6), 8));
    };
    return r.nextInt(5) == 0 ? address.toUpperCase(Locale.ROOT) : address;
  }

  /** A MAC address: colon or dash separated (either case) or Cisco dotted. */
  static String macAddress(Random r) {
    String hex = chars(r, Draw.HEX, 12);
    if (hex.equals("000000000000")) {
      hex = "0200005e0001";
    }
    String sep = pick(r, ":", ":", "-", ".");
    String mac = sep.equals(".")
        ? Draw.group(hex, ".", 4, 4, 4)
        : Draw.group(hex, sep, 2, 2, 2, 2, 2, 2);
    return r.nextBoolean() && !sep.equals(".") ? mac.toUpperCase(Locale.ROOT) : mac;
  }

  private static final String[] URL_HOSTS = {"www.example.com", "shop.example.org",
      "portal.example.net", "example.com", "docs.example.org", "intranet.example.net"};
  private static final String[] URL_PATHS = {"/account/settings", "/users/%d/profile",
      "/orders?id=%d&ref=mail", "/patients/%d/records", "/", "/help/contact-us",
      "/download/report-%d.pdf", "/search?q=refund+status&page=%d"};

  /** An http(s) URL at a reserved domain, sometimes without the scheme (www. form). */
  static String url(Random r) {
    String host = pick(r, URL_HOSTS);
    String path = String.format(pick(r, URL_PATHS), between(r, 2, 99999));
    if (host.startsWith("www.") && r.nextInt(4) == 0) {
      return host + path;
    }
    return pick(r, "https://", "https://", "http://") + host + path;
  }

  private static final String[] POSTCODE_AREAS = {"B", "E", "G", "L", "M", "N", "S", "W", "AB",
      "BS", "CF", "CB", "EH", "LS", "NE", "NG", "OX", "SE", "NW", "CR", "DN", "KT", "YO", "PL"};
  private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  /** A UK postcode in one of the six outward layouts (A9, A99, AA9, AA99, A9A, AA9A). */
  static String ukPostcode(Random r) {
    String area = pick(r, POSTCODE_AREAS);
    String district = switch (r.nextInt(4)) {
      case 0 -> String.valueOf(between(r, 10, 29));
      case 1 -> between(r, 1, 9) + String.valueOf(oneOf(r, "ABCDEHJKMNPRW"));
      default -> String.valueOf(between(r, 1, 9));
    };
    return area + district + " " + between(r, 0, 9) + chars(r, INWARD_LETTERS, 2);
  }
}
