package org.tracehub.hub.sftp;

import static org.apache.sshd.sftp.common.SftpConstants.SSH_FX_FAILURE;
import static org.apache.sshd.sftp.common.SftpConstants.SSH_FX_PERMISSION_DENIED;

import java.util.Locale;

import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Every refusal a sender meets on the drop-box: a stable code, the SFTP status its client gets and the reason in
 * Chinese, which {@link DropBoxErrorMessages} sends as the status text, so that the clerk reads why instead of MINA's
 * bare "Permission denied" or "Failure". Clerks and scripts key on the codes: a code is never renamed or reused. Several
 * refusals of one rule share its code and differ only in the words for what was tried.
 */
enum DropBoxRefusal {

    FILE_TOO_LARGE(ErrorCodes.FILE_TOO_LARGE, SSH_FX_FAILURE, "文件超过平台允许的大小（%s），未接收"),
    TOO_MANY_UPLOADS("TOO_MANY_UPLOADS", SSH_FX_PERMISSION_DENIED, "一小时内上传文件数已达上限（%d个），请稍后再传"),
    /**
     * The client declared the file's size when it opened it and closed it shorter: a cancelled upload. (WinSCP's text
     * mode, which declares the size on the sender's disk and sends the lines without their CRs, is told apart by the
     * count of line feeds and taken.)
     */
    UPLOAD_INCOMPLETE("UPLOAD_INCOMPLETE", SSH_FX_FAILURE,
            "文件未传完整（收到%d字节，上传时声明%d字节），未接收，请重新上传"),
    /** The hub's disk refused a write (full, say): nothing the sender did wrong. */
    WRITE_FAILED("WRITE_FAILED", SSH_FX_FAILURE, "平台暂时无法写入该文件，未接收，请稍后重新上传"),
    UPLOAD_OUTSIDE_INBOX("INBOX_ONLY", SSH_FX_PERMISSION_DENIED, "只能上传到inbox目录"),
    RENAME_OUTSIDE_INBOX("INBOX_ONLY", SSH_FX_PERMISSION_DENIED, "只能在inbox目录中改名"),
    REMOVE_OUTSIDE_INBOX("INBOX_ONLY", SSH_FX_PERMISSION_DENIED, "只能删除inbox目录中的文件"),
    ATTRIBUTES_OUTSIDE_INBOX("INBOX_ONLY", SSH_FX_PERMISSION_DENIED, "只能修改inbox目录中文件的时间和权限"),
    TAKEN_READ_ONLY("TAKEN_READ_ONLY", SSH_FX_PERMISSION_DENIED, "inbox/.taken中是平台已接收的文件，只能查看，不能修改、改名或删除"),
    FOLDER_IN_INBOX("NO_FOLDERS", SSH_FX_PERMISSION_DENIED, "不能在收件箱中建立文件夹，请把文件直接上传到inbox目录"),
    FOLDER_REMOVAL("NO_FOLDERS", SSH_FX_PERMISSION_DENIED, "不能删除文件夹"),
    LINK("NO_LINKS", SSH_FX_PERMISSION_DENIED, "不能建立链接"),
    SERVER_COPY("NO_SERVER_COPY", SSH_FX_PERMISSION_DENIED, "不能在服务器上复制文件，请直接上传"),
    OWNER_CHANGE("NO_OWNER_CHANGE", SSH_FX_PERMISSION_DENIED, "不能修改文件的所有者或访问控制列表"),
    OUTSIDE_ACCOUNT("OUTSIDE_ACCOUNT", SSH_FX_PERMISSION_DENIED, "不能访问本账户目录以外的位置"),
    /** Another session of the source is uploading this name right now ({@link OpenUploads}). */
    SAME_NAME_UPLOADING("SAME_NAME_UPLOADING", SSH_FX_FAILURE, "同名文件正在上传中（另一个连接尚未传完），本次未接收，请稍后重新上传"),
    /**
     * The file a rename would move is still being uploaded, or renamed already, by another session of the source
     * ({@link OpenUploads}): moved now, the hub would take it half-written. The same rule as a second upload of a
     * name, so the same code.
     */
    RENAME_SOURCE_BUSY("SAME_NAME_UPLOADING", SSH_FX_FAILURE,
            "要改名的文件正在上传或改名中（另一个连接尚未完成），本次未改名，请等它传完后再改名"),
    /**
     * A path whose bytes are not UTF-8, the SFTP protocol's: Xftp and SecureFX on a Chinese Windows send GBK names by
     * default. Taken as it came, every Chinese character would be U+FFFD: the file would match no pattern of its
     * source, and different names would become one.
     */
    NAME_NOT_UTF8("NAME_NOT_UTF8", SSH_FX_FAILURE,
            "文件名不是UTF-8编码（多半是客户端按GBK发送了中文文件名），未接收：请在客户端的站点或会话设置中把文件名编码改为UTF-8后重新上传");

    private final String code;
    private final int status;
    private final String reason;

    DropBoxRefusal(String code, int status, String reason) {
        this.code = code;
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The reason filled in with {@code args}, then the code, as the CLI prints its problems. */
    String text(Object... args) {
        return reason(args) + "（" + code + "）";
    }

    /** The reason filled in with {@code args}, without the code: for an answer that carries the code apart (a problem). */
    String reason(Object... args) {
        return String.format(Locale.ROOT, reason, args);
    }

    /** The refusal to throw; {@code args} fill in the reason's blanks. */
    DropBoxRefusalException refuse(Object... args) {
        return new DropBoxRefusalException(this, text(args));
    }
}
