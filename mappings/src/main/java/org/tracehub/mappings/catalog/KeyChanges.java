package org.tracehub.mappings.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;

/**
 * The file kinds whose record key a new version of a spec changes. A record's key makes its event id: after the change,
 * rows converted anew get new ids, while the records of batches not reprocessed keep the old ones, so a late re-send of
 * such a record is stored a second time instead of replacing its earlier version. Nothing refuses the change (it may be
 * the fix of a wrong key); the watcher logs these notes and check-spec prints them, so that it is made knowingly.
 */
public final class KeyChanges {

    private KeyChanges() {
    }

    /** One note per file kind whose key differs from {@code before}'s, Chinese first; none when nothing was before. */
    public static List<String> between(MappingSpec before, MappingSpec after, String beforeLabel) {
        List<String> notes = new ArrayList<>();
        if (before == null || after == null || !before.source().equals(after.source())) {
            return notes;
        }
        for (int i = 0; i < after.files().size(); i++) {
            FileSpec now = after.files().get(i);
            Optional<FileSpec> was = counterpart(before, after, i);
            if (was.isPresent() && !was.get().key().equals(now.key())) {
                notes.add(note(after.source(), now.match(), was.get().key(), now.key(), beforeLabel));
            }
        }
        return notes;
    }

    /** The file kind of {@code before} that {@code after}'s i-th one replaces: the same {@code match}, else the same place. */
    private static Optional<FileSpec> counterpart(MappingSpec before, MappingSpec after, int i) {
        String match = after.files().get(i).match();
        Optional<FileSpec> same = before.files().stream().filter(f -> f.match().equals(match)).findFirst();
        if (same.isPresent()) {
            return same;
        }
        boolean matchesRenamed = before.files().size() == after.files().size()
                && after.files().stream().noneMatch(f -> f.match().equals(before.files().get(i).match()));
        return matchesRenamed ? Optional.of(before.files().get(i)) : Optional.empty();
    }

    private static String note(String source, String match, List<String> was, List<String> now, String beforeLabel) {
        return "来源“" + source + "”的文件类型 " + match + " 的记录键由 " + was + " 改为 " + now + "（与" + beforeLabel + "相比）："
                + "此前入库的记录保留按旧记录键生成的事件编号，未重新处理的批次中的记录若再次发送，将按新记录键作为新记录再入库一次（重复）。"
                + "如需统一，请重新处理该来源已入库的批次：控制台“批次”页按来源筛选（/console/batches?source=" + source + "），逐个“重新处理”；"
                + "或 GET /api/batches?source=" + source + " 后对每个批次 POST /api/batches/{id}/reprocess。"
                + " | The record key of file kind " + match + " of source " + source + " changes from " + was + " to " + now
                + " (against " + englishLabel(beforeLabel) + "): records stored before keep the event ids of the old key, so a late"
                + " re-send of a record of a batch not reprocessed is stored a second time; reprocess the source's batches"
                + " (console: /console/batches?source=" + source + ", or POST /api/batches/{id}/reprocess for each batch of"
                + " GET /api/batches?source=" + source + ")";
    }

    /** The label of the version compared with, for the English half (the labels callers pass are the few below). */
    private static String englishLabel(String beforeLabel) {
        return switch (beforeLabel) {
            case PREVIOUS -> "the previously active version";
            case BUILT_IN -> "the built-in version";
            default -> beforeLabel;
        };
    }

    /** The version compared with was the source's active one before this load. */
    public static final String PREVIOUS = "此前生效的版本";
    /** The version compared with was the built-in spec of the source. */
    public static final String BUILT_IN = "内置版本";
}
