package org.tracehub.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tracehub.platform.batch.BatchIds;

/**
 * The batch folders on the disk under {@code archive/<yyyy>/<MM>/<dd>/<batch id>/}, whatever the database says: what a
 * restore check compares with the batch rows. Day folders before the first day asked for are not opened, so a look at the
 * newest days costs a few directory listings however many years the archive holds.
 */
public final class ArchivedBatchFolders {

    /** One batch folder and the day folder it lies in. */
    public record Folder(LocalDate day, String batchId, Path path) {
    }

    private ArchivedBatchFolders() {
    }

    /**
     * The batch folders of the day folders from {@code firstDay} on, oldest day first and by batch id within a day; at most
     * {@code limit}. Names that are not a year, month, day or batch id are not the hub's and are passed over.
     */
    public static List<Folder> since(Path dataDir, LocalDate firstDay, int limit) {
        List<Folder> found = new ArrayList<>();
        try {
            for (Path year : folders(dataDir.resolve("archive"), "\\d{4}")) {
                if (Integer.parseInt(year.getFileName().toString()) < firstDay.getYear()) {
                    continue;
                }
                for (Path month : folders(year, "\\d{2}")) {
                    for (Path day : folders(month, "\\d{2}")) {
                        LocalDate date = dateOf(year, month, day);
                        if (date == null || date.isBefore(firstDay)) {
                            continue;
                        }
                        for (Path batch : folders(day, "\\d{8}-[0-9a-f]{10}")) {
                            String id = batch.getFileName().toString();
                            if (BatchIds.isWellFormed(id)) {
                                found.add(new Folder(date, id, batch));
                                if (found.size() >= limit) {
                                    return found;
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the archive of " + dataDir, e);
        }
        return found;
    }

    private static List<Path> folders(Path parent, String namePattern) throws IOException {
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().matches(namePattern))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private static LocalDate dateOf(Path year, Path month, Path day) {
        try {
            return LocalDate.of(Integer.parseInt(year.getFileName().toString()), Integer.parseInt(month.getFileName().toString()),
                    Integer.parseInt(day.getFileName().toString()));
        } catch (DateTimeException notADay) {
            return null;
        }
    }
}
