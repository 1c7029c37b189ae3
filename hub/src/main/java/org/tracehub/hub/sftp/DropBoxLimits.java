package org.tracehub.hub.sftp;

import java.time.Duration;

/**
 * What one source may do on the drop-box.
 *
 * @param maxFileSize     bytes one uploaded file may have; a write beyond is refused and the partial file removed
 * @param maxFilesPerHour files a source may open for upload within any 60 minutes; more are refused
 * @param maxFailedLogins failed password logins after which an account is locked from that address
 * @param maxFailedLoginsPerAddress failed password logins, over every account, after which an address is locked;
 *                        at least {@code maxFailedLogins} (many senders may share one address)
 * @param lockout         how long such a lock lasts; failures older than this are forgotten
 */
public record DropBoxLimits(long maxFileSize, int maxFilesPerHour, int maxFailedLogins, int maxFailedLoginsPerAddress,
                            Duration lockout) {

    /** 200 MB, 600 files an hour, 5 failed logins lock an account from an address and 30 an address, for 15 minutes. */
    public static final DropBoxLimits DEFAULT = new DropBoxLimits(200L * 1024 * 1024, 600, 5, 30, Duration.ofMinutes(15));

    /**
     * The drop-box's words for a file beyond {@code maxFileSize} (文件超过平台允许的大小（200 MB），未接收), without the
     * code: the HTTP upload refuses it in the same words, in a problem that carries the code.
     */
    public String fileTooLargeReason() {
        return DropBoxRefusal.FILE_TOO_LARGE.reason(UploadLimits.readable(maxFileSize));
    }

    public DropBoxLimits {
        if (maxFileSize <= 0 || maxFilesPerHour <= 0 || maxFailedLogins <= 0) {
            throw new IllegalArgumentException("Drop-box limits must be positive: size " + maxFileSize + ", files per hour "
                    + maxFilesPerHour + ", failed logins " + maxFailedLogins);
        }
        if (maxFailedLoginsPerAddress < maxFailedLogins) {
            throw new IllegalArgumentException("Failed logins per address (" + maxFailedLoginsPerAddress
                    + ") must be at least those per account (" + maxFailedLogins + "): many senders may share one address");
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("Lockout must be positive: " + lockout);
        }
    }
}
