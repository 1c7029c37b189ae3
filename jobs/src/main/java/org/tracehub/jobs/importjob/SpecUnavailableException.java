package org.tracehub.jobs.importjob;

import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The attempt cannot go on with the spec it needs: its source has no spec (or none for the file) any more, or the spec
 * was changed while the attempt stood half-way. Not the file's fault nor a processing error a retry would cure: the batch
 * fails with the code and the Chinese reason ({@link ImportFailureListener}), and an admin reprocesses it with the spec
 * in use then.
 */
class SpecUnavailableException extends RuntimeException {

    private final String code;

    private SpecUnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    static SpecUnavailableException missing(String sourceId) {
        return new SpecUnavailableException(ErrorCodes.SPEC_MISSING, "平台上已没有来源“" + sourceId + "”的映射规范（已被移除），"
                + "无法处理此文件；平台管理员恢复映射规范后将重新处理，您无需重新发送");
    }

    static SpecUnavailableException notForFile(String sourceId, String fileName) {
        return new SpecUnavailableException(ErrorCodes.SPEC_MISSING, "来源“" + sourceId + "”的映射规范已不再适用于文件“" + fileName
                + "”（没有与此文件名匹配的文件类型），无法处理此文件；平台管理员修正映射规范后将重新处理，您无需重新发送");
    }

    static SpecUnavailableException changed(String sourceId, long rowsConverted) {
        return new SpecUnavailableException(ErrorCodes.SPEC_CHANGED, "本次处理在转换了" + rowsConverted + "行后中断，之后来源“" + sourceId
                + "”的映射规范被修改：同一文件不能一部分按原规范、其余按新规范处理，本次处理已停止，结果未入库。"
                + "平台管理员将使用“重新处理”按当前映射规范处理整个文件，您无需重新发送");
    }

    String code() {
        return code;
    }
}
