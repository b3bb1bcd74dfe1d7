package io.trainguard.bench;

import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.LocalKeyring;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Encrypts a generated stream of N GB with the envelope cipher to a file and decrypts it back,
 * checking the SHA-256 of both plaintexts; prints throughput, the heap's peak and the process's
 * peak RSS. Run under a small {@code -Xmx} to show that memory does not grow with the size.
 */
public final class StreamingBench {

  private static final int CHUNK = 1 << 20;

  private StreamingBench() {}

  public static void main(String[] args) throws Exception {
    double gb = 5;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--gb" -> gb = Double.parseDouble(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + " (allowed: --gb N, --dir DIR)");
      }
    }
    long total = (long) (gb * (1L << 30));
    Path work = Files.createTempDirectory(dir, "tg-streaming");
    Path cipherFile = work.resolve("data.enc");
    try {
      KeyProvider key = LocalKeyring.generate(work.resolve("keyring.json"));
      Map<String, String> context = Map.of("trainguard:path", "data/big.csv.enc");
      byte[] chunk = sampleText();

      MessageDigest written = MessageDigest.getInstance("SHA-256");
      long t0 = System.nanoTime();
      try (OutputStream out = EnvelopeCipher.encrypt(key,
          new BufferedOutputStream(Files.newOutputStream(cipherFile), CHUNK), context)) {
        for (long left = total; left > 0; left -= chunk.length) {
          int n = (int) Math.min(chunk.length, left);
          written.update(chunk, 0, n);
          out.write(chunk, 0, n);
        }
      }
      double encryptSeconds = (System.nanoTime() - t0) / 1e9;

      MessageDigest read = MessageDigest.getInstance("SHA-256");
      long t1 = System.nanoTime();
      long count = 0;
      try (InputStream in = EnvelopeCipher.decrypt(key,
          new BufferedInputStream(Files.newInputStream(cipherFile), CHUNK), context);
          OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), read)) {
        byte[] buffer = new byte[CHUNK];
        for (int n; (n = in.read(buffer)) > 0; count += n) {
          sink.write(buffer, 0, n);
        }
      }
      double decryptSeconds = (System.nanoTime() - t1) / 1e9;

      boolean same = count == total && Arrays.equals(written.digest(), read.digest());
      double mb = total / 1e6;
      System.out.printf(Locale.ROOT, "plaintext        %,.0f MB (%.2f GiB), ciphertext %,.0f MB%n",
          mb, total / (double) (1L << 30), Files.size(cipherFile) / 1e6);
      System.out.printf(Locale.ROOT, "encrypt          %.1f s, %.0f MB/s%n", encryptSeconds,
          mb / encryptSeconds);
      System.out.printf(Locale.ROOT, "decrypt+verify   %.1f s, %.0f MB/s%n", decryptSeconds,
          mb / decryptSeconds);
      System.out.printf(Locale.ROOT, "max heap         %,d MB; heap peak used %,d MB; peak RSS %s%n",
          Runtime.getRuntime().maxMemory() >> 20, heapPeak() >> 20, peakRss());
      System.out.println("round trip       " + (same ? "identical (length and SHA-256)"
          : "DIFFERS"));
      String rss = peakRss();
      System.out.printf(Locale.ROOT, "streaming_gib=%.2f encrypt_mb_s=%.0f decrypt_mb_s=%.0f"
          + " heap_max_mb=%d heap_peak_mb=%d%s identical=%b%n", total / (double) (1L << 30),
          mb / encryptSeconds, mb / decryptSeconds, Runtime.getRuntime().maxMemory() >> 20,
          heapPeak() >> 20, rss.endsWith(" kB")
              ? " peak_rss_mb=" + Long.parseLong(rss.replace(" kB", "").strip()) / 1024 : "",
          same);
      if (!same) {
        System.exit(1);
      }
    } finally {
      try (var files = Files.list(work)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /** 1 MiB of CSV-like text, so the stream looks like a data file rather than zeros. */
  private static byte[] sampleText() {
    StringBuilder text = new StringBuilder(CHUNK + 128);
    for (int i = 0; text.length() < CHUNK; i++) {
      text.append(i).append(",user").append(i % 9973).append(",<EMAIL_ADDRESS>,ordered ")
          .append(i % 7).append(" items\n");
    }
    return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), CHUNK);
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static String peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "n/a";
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
  }
}
