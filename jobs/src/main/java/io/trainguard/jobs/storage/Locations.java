package io.trainguard.jobs.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.hadoop.fs.Path;

/**
 * Whether two locations overlap, compared in one canonical spelling: {@code s3}, {@code s3n} and
 * {@code s3a} alike, bucket names in lower case, no {@code .} or {@code ..} segments, no empty
 * segments, no trailing slash, and on local disk every symbolic link resolved.
 */
public final class Locations {

  /** How a location relates to another. */
  public enum Overlap {
    /** They share no object. */
    NONE,
    /** They are one location. */
    SAME,
    /** The first holds the second. */
    CONTAINS,
    /** The first lies inside the second. */
    INSIDE
  }

  private Locations() {}

  /** How {@code a} relates to {@code b}. */
  public static Overlap overlap(Path a, Path b) {
    String x = canonical(a);
    String y = canonical(b);
    if (x.equals(y)) {
      return Overlap.SAME;
    }
    if (y.startsWith(x)) {
      return Overlap.CONTAINS;
    }
    return x.startsWith(y) ? Overlap.INSIDE : Overlap.NONE;
  }

  /** The canonical spelling of {@code path}, ending with {@code /}. */
  static String canonical(Path path) {
    URI uri = path.toUri();
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("s3") || scheme.equals("s3n")) {
      scheme = "s3a";
    }
    String rawPath = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    String normal;
    try {
      normal = new URI("x", null, rawPath.replaceAll("/+", "/"), null).normalize().getPath();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("Invalid location: " + path, e);
    }
    if (scheme.equals("file")) {
      normal = resolveLinks(normal);
    }
    if (!normal.endsWith("/")) {
      normal += "/";
    }
    String authority = uri.getAuthority() == null ? ""
        : uri.getAuthority().toLowerCase(Locale.ROOT);
    return scheme + "://" + authority + normal;
  }

  /** The real path of the deepest existing ancestor, with the rest appended. */
  private static String resolveLinks(String path) {
    java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath().normalize();
    java.nio.file.Path rest = p.getFileSystem().getPath("");
    while (p != null) {
      try {
        if (Files.exists(p)) {
          return p.toRealPath().resolve(rest).toString();
        }
      } catch (IOException e) {
        break; // unreadable: compare as written
      }
      rest = p.getFileName() == null ? rest : p.getFileName().resolve(rest);
      p = p.getParent();
    }
    return path;
  }
}
