package io.trainguard.jobs.format;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;

/**
 * The people a document's metadata names (its author, creator, last modifier, ..., the display
 * names of a mail's sender and recipients), kept when they read as a person's name: a company, a
 * placeholder account or a tool ({@code Acme Corp}, {@code Administrator}, {@code Microsoft
 * Office User}, {@code Apache POI}) or an address is none.
 */
final class MetadataAuthors {

  /** A value written {@code NAME <address>}, as a mail's sender is. */
  private static final Pattern NAME_AND_ADDRESS = Pattern.compile("(.*?)\\s*<[^<>]*>");
  /** A name written surname first: {@code Rain, Summer}. */
  private static final Pattern SURNAME_FIRST = Pattern.compile("([^,]+),([^,]+)");
  /** Words of at least two letters, joined by a space, a dot, an apostrophe or a hyphen. */
  private static final Pattern NAME = Pattern.compile(
      "\\p{L}[\\p{L}\\p{M}]*\\.?(?:(?:[ '’-]|\\. ?)\\p{L}[\\p{L}\\p{M}]*\\.?){0,4}");
  /** Words no person's name holds: companies, placeholder accounts, software. */
  private static final Set<String> NOT_NAMES = Set.of(
      "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh",
      "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "co", "company", "group",
      "holding", "holdings", "team", "department", "dept", "division", "university", "school",
      "office", "services", "solutions", "systems", "technologies", "software", "bank",
      "admin", "administrator", "administrators", "user", "users", "owner", "guest", "unknown",
      "author", "default", "root", "system", "test", "none", "anonymous", "customer", "client",
      "staff", "support", "sales", "hr", "it", "microsoft", "windows", "word", "excel",
      "powerpoint", "outlook", "libreoffice", "openoffice", "writer", "calc", "impress",
      "acrobat", "adobe", "distiller", "pdfmaker", "pdf", "apache", "poi", "tika", "pdfbox",
      "google", "docs", "pages", "keynote", "quartz", "ghostscript", "latex", "pdftex",
      "scanner", "printer", "canon", "xerox", "ricoh", "brother", "epson", "hp");

  private MetadataAuthors() {}

  /** Adds to {@code authors} each value of {@code metadata} that names a person. */
  static void addTo(Set<String> authors, Metadata metadata) {
    for (String key : metadata.names()) {
      if (!"PERSON".equals(DocumentMetadata.forcedEntity(key)) && !isMailName(key)) {
        continue;
      }
      for (String value : metadata.getValues(key)) {
        authors.addAll(names(value));
      }
    }
  }

  /** {@code Message:From-Name}, {@code Message:To-Name}, ...: display names Tika takes apart. */
  private static boolean isMailName(String key) {
    return key.startsWith("Message:") && key.endsWith("-Name");
  }

  /**
   * The name {@code value} gives without the address it may carry, and one written surname
   * first ({@code Rain, Summer}) both as written and as {@code Summer Rain}; none when it reads
   * as no person's name.
   */
  static List<String> names(String value) {
    Matcher withAddress = NAME_AND_ADDRESS.matcher(value.strip());
    String bare = (withAddress.matches() ? withAddress.group(1) : value).strip();
    if (bare.length() > 1 && (bare.charAt(0) == '"' || bare.charAt(0) == '\'')
        && bare.charAt(bare.length() - 1) == bare.charAt(0)) {
      bare = bare.substring(1, bare.length() - 1).strip();
    }
    Matcher lastFirst = SURNAME_FIRST.matcher(bare);
    String name = name(lastFirst.matches()
        ? lastFirst.group(2).strip() + " " + lastFirst.group(1).strip() : bare);
    return name == null ? List.of() : lastFirst.matches() ? List.of(name, bare) : List.of(name);
  }

  /** {@code name} when it reads as a person's name; else null. */
  private static String name(String name) {
    if (name.length() < 3 || name.length() > 100 || !NAME.matcher(name).matches()) {
      return null;
    }
    for (String word : name.toLowerCase(Locale.ROOT).split("[ .'’-]+")) {
      if (NOT_NAMES.contains(word)) {
        return null;
      }
    }
    return name;
  }
}
