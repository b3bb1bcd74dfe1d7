package io.trainguard.jobs.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.Version;
import io.trainguard.jobs.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenLineage events for one protect run: {@link #start}, then exactly one of {@link #complete}
 * or {@link #fail}. Each event is kept for {@link #jsonLines()} (the caller writes them to
 * {@value io.trainguard.jobs.manifest.OutputLayout#LINEAGE}) and, when an endpoint is configured, posted to it at once. Sending never
 * throws; events hold names and counts, never a value read from the data.
 */
public final class LineageEmitter {

  public static final String JOB_NAMESPACE = "trainguard";
  /** Identifies trainguard as the events' producer; a URN, since it has no canonical URL. */
  public static final URI PRODUCER = URI.create("urn:trainguard:" + Version.get());

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final HttpLineageTransport http;
  private final Clock clock;
  private final List<String> events = new ArrayList<>();
  private RunInfo run;
  private List<InputDataset> startInputs;
  private final Map<String, List<String>> startColumns = new HashMap<>();
  private boolean ended;

  LineageEmitter(HttpLineageTransport http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * An emitter that keeps events for {@link #jsonLines()} and, if {@code openLineageUrl} is not
   * null or blank, also posts them there (failures go to {@code warnings}).
   *
   * @throws TrainguardException exit 1 if the URL is not an http(s) URL
   */
  public static LineageEmitter create(String openLineageUrl, Consumer<String> warnings) {
    if (openLineageUrl == null || openLineageUrl.isBlank()) {
      return new LineageEmitter(null, Clock.systemUTC());
    }
    URI url;
    try {
      url = new URI(openLineageUrl.strip());
    } catch (URISyntaxException e) {
      throw TrainguardException.usage("Invalid OpenLineage URL: " + e.getReason());
    }
    return new LineageEmitter(new HttpLineageTransport(url, warnings), Clock.systemUTC());
  }

  /** Emits START, with the input files as they are known before reading. */
  public void start(RunInfo run, List<InputFile> inputs) {
    if (this.run != null) {
      throw new IllegalStateException("Cannot emit START: the run was already started");
    }
    this.run = run;
    List<InputDataset> datasets = new ArrayList<>();
    for (InputFile f : inputs) {
      var id = DatasetNames.of(f.uri());
      startColumns.put(f.uri(), f.columns());
      datasets.add(ol.newInputDatasetBuilder().namespace(id.getNamespace()).name(id.getName())
          .facets(ol.newDatasetFacetsBuilder()
              .schema(ManifestDatasets.schema(ol, f.columns())).build())
          .build());
    }
    this.startInputs = List.copyOf(datasets);
    emit(event(EventType.START, ZonedDateTime.ofInstant(run.started(), ZoneOffset.UTC),
        ol.newRunFacetsBuilder().build(), startInputs, List.of()));
  }

  /**
   * Ends the run from the signed manifest: inputs and outputs with schema, statistics and column
   * lineage, and the {@code trainguard} run facet (with the gate's decision and reasons). The event
   * is COMPLETE when the manifest's gate passed and FAIL, with the reasons as its error message,
   * when it did not. Call after the manifest is written and before {@code _SUCCESS}.
   */
  public void complete(Manifest manifest) {
    requireOpen("COMPLETE");
    ManifestDatasets datasets = new ManifestDatasets(ol, manifest, startColumns);
    List<InputDataset> inputs = datasets.inputs();
    OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder()
        .put(TrainguardRunFacet.NAME, TrainguardRunFacet.of(PRODUCER, manifest, run.outputRoot()));
    boolean gateFailed = manifest.gate() != null && !manifest.gate().passed();
    if (gateFailed) {
      facets.errorMessage(ol.newErrorMessageRunFacetBuilder()
          .message("Gate failed: " + String.join("; ", manifest.gate().reasons()))
          .programmingLanguage("Java").build());
    }
    RunEvent event = event(gateFailed ? EventType.FAIL : EventType.COMPLETE, finished(manifest),
        facets.build(), inputs, datasets.outputs());
    ended = true;
    emit(event);
  }

  /**
   * Emits FAIL with {@code reason} as the error message (a trainguard message: it names files
   * and columns, never values). Does nothing if the run was not started or has already ended,
   * so a failure handler may call it unconditionally.
   */
  public void fail(String reason) {
    if (run == null || ended) {
      return;
    }
    ended = true;
    emit(event(EventType.FAIL, ZonedDateTime.now(clock),
        ol.newRunFacetsBuilder()
            .errorMessage(ol.newErrorMessageRunFacetBuilder()
                .message(reason == null ? "protect failed" : reason)
                .programmingLanguage("Java").build())
            .build(),
        startInputs, List.of()));
  }

  /** The events emitted so far, one JSON object per line, UTF-8. */
  public byte[] jsonLines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String e : events) {
      out.writeBytes(e.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private void requireOpen(String eventType) {
    if (run == null) {
      throw new IllegalStateException("Cannot emit " + eventType + ": the run was not started");
    }
    if (ended) {
      throw new IllegalStateException("Cannot emit " + eventType + ": the run already ended");
    }
  }

  private RunEvent event(EventType type, ZonedDateTime time, OpenLineage.RunFacets runFacets,
      List<InputDataset> inputs, List<OpenLineage.OutputDataset> outputs) {
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(time)
        .run(ol.newRun(run.runId(), runFacets))
        .job(ol.newJobBuilder().namespace(JOB_NAMESPACE).name(jobName(run))
            .facets(ol.newJobFacetsBuilder()
                .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH")
                    .integration("TRAINGUARD").jobType("JOB").build())
                .build())
            .build())
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private void emit(RunEvent event) {
    String json = OpenLineageClientUtils.toJson(event);
    events.add(json);
    if (http != null) {
      http.send(event.getEventType().name(), json);
    }
  }

  /** {@code protect:} and the output location, so reruns into one output are one job. */
  static String jobName(RunInfo run) {
    var id = DatasetNames.of(run.outputRoot());
    String ns = id.getNamespace();
    String name = id.getName();
    String separator = !ns.contains("://") ? "://" : name.startsWith("/") ? "" : "/";
    return "protect:" + ns + separator + name;
  }

  private ZonedDateTime finished(Manifest manifest) {
    return manifest.run() != null && manifest.run().finished() != null
        ? ZonedDateTime.ofInstant(manifest.run().finished(), ZoneOffset.UTC)
        : ZonedDateTime.now(clock);
  }
}
