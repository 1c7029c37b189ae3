package org.tracehub.routes.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import org.tracehub.platform.storage.DiskSync;

/**
 * Copies a received file into its archive folder, computing SHA-256 while streaming, and
 * re-reads the copy to verify it before anyone relies on it. The copy and its folders are forced to the disk (the
 * original it copies is removed once the batch is recorded). The copy is made read-only. A copy
 * that an earlier, failed try of the same batch left in the folder is replaced by the atomic rename,
 * so one batch never has more than one archived file.
 */
@Component
public class Archiver {

    public record Archived(Path file, long size, String sha256) {
    }

    public Archived archive(Path source, Path targetFolder, String storedName) throws IOException {
        Files.createDirectories(targetFolder);
        Path target = targetFolder.resolve(storedName);
        Path partial = targetFolder.resolve(storedName + ".copying");
        String sha;
        long size;
        try {
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256());
                 OutputStream out = Files.newOutputStream(partial)) {
                size = in.transferTo(out);
                sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            // the taken file goes once the batch is recorded: the copy must be on the disk by then, name and all
            DiskSync.file(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            // archive/<yyyy>/<MM>/<dd>/<batch id>/: each of them may be new
            Path folder = targetFolder;
            for (int level = 0; level < 5 && folder != null; level++, folder = folder.getParent()) {
                DiskSync.folder(folder);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        String verify = sha256Of(target);
        if (!verify.equals(sha)) {
            throw new IOException("archive copy of " + source.getFileName() + " does not match: " + verify + " != " + sha);
        }
        target.toFile().setWritable(false, false);
        return new Archived(target, size, sha);
    }

    public static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
