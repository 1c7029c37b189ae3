package org.tracehub.routes.pull;

/**
 * Where {@code after-fetch: move} puts a fetched file on the legacy server, inside {@code done-dir}:
 * {@code <yyyy-MM>/<name>.<batch id>.<extension>}, the month the hub received it in. The batch id keeps each copy apart (a
 * legacy system that exports under the same name every day: Camel deletes an existing target before it moves, so each
 * day's file replaced the last); the extension stays last, so the owner's tools still open the file as what it is. Before,
 * each file got a folder of its own ({@code done/<batch id>/<name>}): one folder per file, thousands a year, on a server
 * the hub does not clean.
 */
final class DoneNames {

    /** The header the pull sets once a file is taken in, read by the endpoint's {@code move} expression. */
    static final String HEADER = "TraceHubDoneName";

    private DoneNames() {
    }

    /**
     * @param batchId    the batch that took the file in, {@code yyyyMMdd-<10 hex>}: its day is the month's folder
     * @param remoteName the file's name on the server, without a folder
     */
    static String of(String batchId, String remoteName) {
        String month = batchId.substring(0, 4) + "-" + batchId.substring(4, 6);
        int dot = remoteName.lastIndexOf('.');
        // a name without an extension, or a hidden-style name that is all extension (".csv"), keeps its name whole
        String named = dot <= 0 ? remoteName + "." + batchId
                : remoteName.substring(0, dot) + "." + batchId + remoteName.substring(dot);
        return month + "/" + named;
    }
}
