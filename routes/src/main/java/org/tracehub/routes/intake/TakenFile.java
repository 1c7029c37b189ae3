package org.tracehub.routes.intake;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.tracehub.platform.batch.Transport;

/**
 * A complete file that intake has taken: it has its batch id and sits in its own folder
 * {@code sftp/<source>/inbox/.taken/<batchId>/} until it is archived and recorded. Every later try
 * of the same file uses the same batch id, so a retry finds its own archive folder and batch row.
 *
 * @param originalName the name as the sender gave it, unchanged
 * @param receivedAt   when it was taken: the batch's received time and archive date
 * @param file         the file itself, under its sanitised name
 */
public record TakenFile(String batchId, String sourceId, String originalName, Transport transport, OffsetDateTime receivedAt,
                        Path folder, Path file) {
}
