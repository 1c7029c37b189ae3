/**
 * The embedded SFTP drop-box: one chrooted account per legacy source, uploads into {@code inbox/}, receipts read from {@code outbox/}.
 * Plain Java on Apache MINA SSHD, usable without Spring; it reports completely written inbox files to an {@link org.tracehub.hub.sftp.UploadCompletedListener}.
 */
package org.tracehub.hub.sftp;
