package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import java.io.Serializable;
import java.util.Map;

/**
 * The outcome of protecting one input file: digests and sizes of what was read and written, and
 * counts. Output paths are relative to the output root.
 */
public record FileResult(String inputPath, String inputUri, Format format, long inputSize,
    String inputSha256, String outputPath, long outputSize, String outputSha256,
    Map<String, String> encryptionContext, FileStats stats) implements Serializable {}
