package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's lease on its output, {@code _trainguard/_RUN}: the run id, host, driver process and
 * start time, rewritten by the driver every heartbeat until the run commits. The run holding it
 * is dead when, on the same host, its process (or, in this process, the run) is gone, or when
 * the lease has not been rewritten for the timeout (by its stored modification time and its own
 * heartbeat time, whichever is later); only then may another run replace its output.
 */
final class RunLease implements AutoCloseable {

  /** How often the driver rewrites its lease (a Hadoop duration, e.g. {@code 10s}). */
  static final String HEARTBEAT = "trainguard.lease.heartbeat";
  static final String HEARTBEAT_DEFAULT = "10s";
  /** How long a lease may go without a heartbeat before its run counts as dead. */
  static final String TIMEOUT = "trainguard.lease.timeout";
  static final String TIMEOUT_DEFAULT = "2m";

  private static final String HOST = hostName();
  /** The pid namespace: the same host name and pid may be another container's process. */
  private static final String PID_NAMESPACE = pidNamespace();
  private static final ProcessHandle SELF = ProcessHandle.current();
  /** The runs of this process that hold a lease. */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  /** Who holds a lease, as read from it; fields unknown to an older writer are null or 0. */
  record Holder(String runId, String host, String pidNamespace, long pid, Instant processStart,
      Instant started, Instant heartbeat) {

    /** For messages: run id, host and start time. */
    String describe() {
      return (runId.isEmpty() ? "a run" : "run " + runId)
          + (host == null ? "" : " on host " + host)
          + (started == null ? "" : ", started " + started);
    }
  }

  private final FileSystem fs;
  private final Path root;
  private final Path path;
  private final Holder holder;
  private final ScheduledExecutorService heartbeat;
  private boolean released;

  private RunLease(FileSystem fs, Path root, Holder holder, Duration interval) {
    this.fs = fs;
    this.root = root;
    this.path = new Path(root, OutputLayout.RUN_LEASE);
    this.holder = holder;
    LIVE.add(holder.runId());
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "trainguard-lease-" + holder.runId());
      t.setDaemon(true);
      return t;
    });
    long millis = Math.max(1, interval.toMillis());
    heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease on {@code root} for a new run: creates it where there is none, or replaces
   * that of a {@code dead} run. Fails (usage) when another run got there first.
   */
  static RunLease take(FileSystem fs, Path root, String runId, Instant started, Holder dead,
      Configuration conf) throws IOException {
    Instant now = Instant.now();
    Holder mine = new Holder(runId, HOST, PID_NAMESPACE, SELF.pid(), processStart(SELF),
        started, now);
    Path path = new Path(root, OutputLayout.RUN_LEASE);
    OutputStream out;
    try {
      out = Storage.create(fs, path, dead != null);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw TrainguardException.usage("Cannot use output " + root
          + ": another run took it just now; try again once that run has stopped");
    }
    try (OutputStream lease = out) {
      lease.write(bytes(mine));
    } catch (IOException e) {
      if (dead == null) { // a lease that says nothing would hold the output for the timeout
        fs.delete(path, false);
      }
      throw e;
    }
    Holder read = read(fs, root);
    if (read == null || !runId.equals(read.runId())) { // a store without exclusive create
      throw TrainguardException.usage("Cannot use output " + root
          + ": another run took it just now; try again once that run has stopped");
    }
    return new RunLease(fs, root, mine, duration(conf, HEARTBEAT, HEARTBEAT_DEFAULT));
  }

  /**
   * The lease on {@code root}, or null when there is none. A lease caught while its holder
   * rewrites it (local disk) is read again.
   */
  static Holder read(FileSystem fs, Path root) throws IOException {
    byte[] bytes;
    JsonNode json = null;
    for (int attempt = 0; ; attempt++) {
      try (InputStream in = fs.open(new Path(root, OutputLayout.RUN_LEASE))) {
        bytes = in.readNBytes(64 * 1024);
      } catch (FileNotFoundException e) {
        return null;
      }
      try {
        json = CanonicalJson.MAPPER.readTree(bytes);
      } catch (IOException e) {
        json = null;
      }
      if (json != null && json.isObject() || attempt == 4
          || bytes.length > 0 && bytes[0] != '{') {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (json == null || !json.isObject()) { // an older trainguard wrote the run id alone
      return new Holder(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip(),
          null, null, 0, null, null, null);
    }
    return new Holder(json.path("run_id").asText(), text(json, "host"),
        text(json, "pid_namespace"), json.path("pid").asLong(), instant(json, "process_start"),
        instant(json, "started"), instant(json, "heartbeat"));
  }

  /** Whether the run holding the lease on {@code root} has provably stopped. */
  static boolean isDead(FileSystem fs, Path root, Holder holder, Configuration conf)
      throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(new Path(root, OutputLayout.RUN_LEASE));
    } catch (FileNotFoundException e) {
      return true;
    }
    Instant last = Instant.ofEpochMilli(status.getModificationTime());
    if (holder.heartbeat() != null && holder.heartbeat().isAfter(last)) {
      last = holder.heartbeat();
    }
    if (Duration.between(last, Instant.now())
        .compareTo(duration(conf, TIMEOUT, TIMEOUT_DEFAULT)) > 0) {
      return true;
    }
    if (!HOST.equals(holder.host()) || !PID_NAMESPACE.equals(holder.pidNamespace())) {
      return false;
    }
    if (holder.pid() == SELF.pid() && processStart(SELF).equals(holder.processStart())) {
      return !LIVE.contains(holder.runId());
    }
    return ProcessHandle.of(holder.pid())
        .map(p -> holder.processStart() != null && !holder.processStart().equals(processStart(p))
            && processStart(p) != null)
        .orElse(true);
  }

  /** Fails when the lease is no longer this run's: another run took the output over. */
  synchronized void checkHeld() throws IOException {
    if (released) {
      throw TrainguardException.service("Cannot write to output " + root
          + ": this run's lease has ended", null);
    }
    checkHeld(fs, root, holder.runId());
  }

  /** Fails when the lease on {@code root} is not run {@code runId}'s (tasks check it too). */
  static void checkHeld(FileSystem fs, Path root, String runId) throws IOException {
    Holder now = read(fs, root);
    if (now == null || !runId.equals(now.runId())) {
      throw TrainguardException.service("Another run took over output " + root
          + " while this one was writing; nothing committed", null);
    }
  }

  /** Whether the lease is still this run's (false when it cannot be read). */
  boolean held() {
    try {
      checkHeld();
      return true;
    } catch (IOException | TrainguardException e) {
      return false;
    }
  }

  /** Ends the lease and deletes it: the run has committed. */
  synchronized void release() throws IOException {
    heartbeat.shutdownNow();
    released = true;
    fs.delete(path, false);
  }

  /** Stops the heartbeat; the lease stays, marking the output unfinished, unless released. */
  @Override
  public synchronized void close() {
    heartbeat.shutdownNow();
    released = true;
    LIVE.remove(holder.runId());
  }

  private synchronized void beat() {
    if (released) {
      return;
    }
    try {
      Holder now = read(fs, root);
      if (now == null || !holder.runId().equals(now.runId())) {
        heartbeat.shutdown(); // taken over: the commit check will say so
        return;
      }
      try (OutputStream out = Storage.create(fs, path, true)) {
        out.write(bytes(new Holder(holder.runId(), holder.host(), holder.pidNamespace(),
            holder.pid(), holder.processStart(), holder.started(), Instant.now())));
      }
    } catch (IOException | RuntimeException e) {
      // the next beat tries again; a lease left stale for the timeout ends this run's claim
    }
  }

  private static byte[] bytes(Holder h) throws IOException {
    var json = CanonicalJson.MAPPER.createObjectNode().put("run_id", h.runId())
        .put("host", h.host()).put("pid_namespace", h.pidNamespace()).put("pid", h.pid())
        .put("process_start", h.processStart() == null ? null : h.processStart().toString())
        .put("started", h.started().toString()).put("heartbeat", h.heartbeat().toString());
    return CanonicalJson.MAPPER.writeValueAsBytes(json);
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  private static Instant instant(JsonNode json, String field) {
    try {
      return json.hasNonNull(field) ? Instant.parse(json.get(field).asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Instant processStart(ProcessHandle p) {
    return p.info().startInstant().orElse(null);
  }

  static Duration duration(Configuration conf, String key, String defaultValue) {
    return Duration.ofMillis(conf.getTimeDuration(key, defaultValue, TimeUnit.MILLISECONDS));
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String pidNamespace() {
    try {
      return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid"))
          .toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "";
    }
  }
}
