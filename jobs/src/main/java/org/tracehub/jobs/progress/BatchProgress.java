package org.tracehub.jobs.progress;

/**
 * How far one batch has come, for the API and the console.
 *
 * @param phase              WAITING (received, not started yet), CONVERTING, WAITING_FOR_LOAD (staged until
 *                           its source's load schedule), LOADING, DONE (loaded, or ended at intake) or FAILED
 * @param running            whether a job is working on the batch right now
 * @param rowsRead           data rows read so far by the convert step of the current attempt (skipped rows
 *                           such as totals not counted, as in the batch's counts)
 * @param estimatedTotalRows the rows the file is expected to hold, from its size and the bytes the rows read
 *                           so far took up; exact once the convert step completed; null before any row was read
 * @param rowsToLoad         accepted rows of the attempt, once converted
 * @param rowsLoaded         events of the attempt in the store; during a load, those written so far by its
 *                           (not yet committed) transaction when the load runs on the node answering
 * @param percent            0–100 of the whole attempt (convert, then load), null when unknown
 */
public record BatchProgress(
        String batchId,
        int attempt,
        String status,
        String phase,
        boolean running,
        long rowsRead,
        Long estimatedTotalRows,
        Long rowsToLoad,
        Long rowsLoaded,
        Integer percent) {
}
