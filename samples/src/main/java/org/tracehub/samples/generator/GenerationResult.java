package org.tracehub.samples.generator;

import java.nio.file.Path;

/**
 * What the generator wrote.
 *
 * @param file    the file
 * @param rows    data rows (records), good and bad
 * @param badRows rows with a planted mistake
 */
public record GenerationResult(Path file, long rows, long badRows) {
}
