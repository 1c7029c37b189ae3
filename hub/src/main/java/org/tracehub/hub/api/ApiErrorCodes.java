package org.tracehub.hub.api;

import org.tracehub.schemas.validation.ErrorCodes;

/** Stable codes of the HTTP API's problem documents (RFC 9457), in the {@code code} property. */
public final class ApiErrorCodes {

    public static final String BATCH_NOT_FOUND = "BATCH_NOT_FOUND";
    public static final String TRACE_CODE_NOT_FOUND = "TRACE_CODE_NOT_FOUND";
    /** More public trace queries at once than {@code hub.trace.max-concurrent-queries}: 503, scan again in a moment. */
    public static final String TRACE_BUSY = "TRACE_BUSY";
    /** More public QR images asked for at once than {@code hub.qr.max-concurrent-renders}: 503, ask again in a moment. */
    public static final String QR_BUSY = "QR_BUSY";
    /**
     * A trace code in a public URL the hub could never have loaded (blank, over 64 characters, a control character, no
     * letter or digit): the code a receipt gives a row whose trace code breaks the same rule.
     */
    public static final String TRACE_CODE_FORMAT = ErrorCodes.TRACE_CODE_FORMAT;
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /**
     * A list page deeper than {@code Pages.MAX_ROWS_SKIPPED} rows (400): each row before a page is read to skip it; the
     * list is narrowed instead (the batches by from/to, the audit log by batch).
     */
    public static final String PAGE_TOO_DEEP = "PAGE_TOO_DEEP";
    /** The archived original of a batch is not where its row says: the archive was tampered with. */
    public static final String ORIGINAL_MISSING = "ORIGINAL_MISSING";
    /** The archived original was deleted by the archive purge at the end of its retention (410). */
    public static final String ARCHIVE_PURGED = "ARCHIVE_PURGED";
    /**
     * The batch's row stays locked past the database's lock timeout (503): a purge or a load holds it until it commits; try
     * again shortly. The code a reprocess or retry gives the same refusal (409 there).
     */
    public static final String BATCH_BUSY = "BATCH_BUSY";
    /** A spec sent to the dry run does not load; the problem document lists file:line: key: message. */
    public static final String SPEC_INVALID = "SPEC_INVALID";
    /**
     * The sample sent to the dry run matches none of the spec's {@code files.match} patterns: the intake's code for such
     * a file (it was FILE_NOT_MATCHED here until 2026-12-01).
     */
    public static final String FILE_UNKNOWN = "FILE_UNKNOWN";
    /** The sample sent to the dry run cannot be read as a whole (encoding, header …); {@code fileCode} says why. */
    public static final String SAMPLE_UNREADABLE = "SAMPLE_UNREADABLE";

    /**
     * The hub cannot store an uploaded file right now (its disk full), 503 with {@code Retry-After}: the drop-box's code
     * for the same refusal ({@code sftp.DropBoxRefusal.WRITE_FAILED}).
     */
    public static final String WRITE_FAILED = "WRITE_FAILED";

    /** An online database backup asked of a hub whose store is not the embedded H2 database (409): use pg_dump. */
    public static final String BACKUP_NOT_EMBEDDED = "BACKUP_NOT_EMBEDDED";

    /** The source of an upload or a source lookup is not known to the hub (no spec, account or pull). */
    public static final String SOURCE_NOT_FOUND = "SOURCE_NOT_FOUND";
    /** An upload without its multipart {@code file} part, or without a usable file name. */
    public static final String FILE_MISSING = "FILE_MISSING";
    /**
     * An upload whose file name holds a control character (U+0000–U+001F, U+007F–U+009F: NUL, a line break, a tab …),
     * which no export names a file with (400). Taken in, a NUL could never be recorded on PostgreSQL.
     */
    public static final String FILE_NAME_INVALID = "FILE_NAME_INVALID";
    /**
     * An upload beyond the source's files per hour ({@code hub.sftp.max-files-per-hour}, 429), counted with its SFTP
     * uploads; the code the drop-box gives the same refusal.
     */
    public static final String TOO_MANY_UPLOADS = "TOO_MANY_UPLOADS";
    /**
     * A multipart body (an upload, a dry run) that cannot be read (400): its {@code Content-Type} names no boundary, the
     * body is cut off, or the client went away while sending it. A file beyond the size limit is {@code FILE_TOO_LARGE}.
     */
    public static final String MULTIPART_INVALID = "MULTIPART_INVALID";
    /** No or wrong credentials: the answer carries the HTTP Basic challenge. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /**
     * A console page's script (the batch page's progress poll) asked without a signed-in session — it expired, or the user
     * signed out in another tab (401, no Basic challenge: the browser would prompt for a password the console never asks
     * that way); the page says so and offers to reload, which leads to the sign-in form.
     */
    public static final String SESSION_EXPIRED = "SESSION_EXPIRED";
    /** Signed in, but the role does not allow this, or the batch or source belongs to another sender. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /**
     * Sign-in refused without checking the password (429): the account or the address is locked after repeated failed
     * logins, over HTTP or SFTP alike.
     */
    public static final String LOGIN_LOCKED = "LOGIN_LOCKED";
    /**
     * A change sent with a missing or stale CSRF token (403): the page was opened before its user signed in again (in
     * another tab) or before the session expired; reloading the page gives a fresh one. Not a matter of the role.
     */
    public static final String CSRF_TOKEN_INVALID = "CSRF_TOKEN_INVALID";

    // What Spring MVC refuses before a controller answers (ApiFallbackProblems): HttpStatus's names
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    /**
     * The database could not be reached (down, restarting, failing over, the network to it cut): 503 with
     * {@code Retry-After}; the same request succeeds once it is back, without a restart of the hub.
     */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /**
     * A request Tomcat itself cannot read, refused before the hub sees it (400): a path whose percent-encoding is not UTF-8
     * ({@code %D6%D0}, GBK), a cut-off UTF-8 character, an encoded NUL ({@code web.TomcatBadRequestPage}).
     */
    public static final String REQUEST_MALFORMED = "REQUEST_MALFORMED";
    /** Something failed that should not have: logged with its stack trace, the answer says no more. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ApiErrorCodes() {
    }
}
