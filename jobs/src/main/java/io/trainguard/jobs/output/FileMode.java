package io.trainguard.jobs.output;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The POSIX permissions of the plaintext that {@code decrypt} creates: files get {@link #file},
 * the directories it creates get the same plus search wherever read is granted (0640 gives
 * 0750). Files hold data, so no execute bit; the owner always reads and writes.
 */
public record FileMode(Set<PosixFilePermission> file, Set<PosixFilePermission> directory) {

  /** The default: 0600 files in 0700 directories, readable by their owner only. */
  public static final FileMode PRIVATE = parse("0600");

  public FileMode {
    file = Set.copyOf(file);
    directory = Set.copyOf(directory);
  }

  /**
   * An octal mode such as {@code 0640} or {@code 640}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static FileMode parse(String octal) {
    String digits = octal.strip();
    if (!digits.matches("0?[0-7]{3}")) {
      throw new IllegalArgumentException("an octal mode such as 0600 or 0640");
    }
    int mode = Integer.parseInt(digits, 8);
    if ((mode & 0600) != 0600) {
      throw new IllegalArgumentException("a mode whose owner reads and writes, 0600 and up");
    }
    if ((mode & 0111) != 0) {
      throw new IllegalArgumentException("a mode without execute bits");
    }
    int dir = mode | (mode & 0444) >> 2;
    return new FileMode(permissions(mode), permissions(dir));
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first, OTHERS_EXECUTE last
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }
}
