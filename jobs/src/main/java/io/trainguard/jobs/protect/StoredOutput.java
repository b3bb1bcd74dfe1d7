package io.trainguard.jobs.protect;

import java.io.Serializable;
import java.util.Map;

/**
 * An encrypted output file as stored: path relative to the output root, size and SHA-256 of the
 * ciphertext, and the encryption context bound into it.
 */
public record StoredOutput(String path, long size, String sha256, Map<String, String> context)
    implements Serializable {}
