package dev.stardust.websocket;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * node's {@code ws} package, pinned, installed once with npm under {@code target/} (npm's registry must be
 * reachable the first time; {@code .ci/run} installs node and npm), and node scripts run with it on their path.
 */
final class NodeWs {
    static final String VERSION = "8.18.3";
    private static final Path DIR = Path.of("target", "node-ws").toAbsolutePath();

    private NodeWs() {
    }

    /** The directory holding {@code node_modules/ws}, installing it when missing. */
    static synchronized Path install() throws IOException, InterruptedException {
        if (Files.exists(DIR.resolve("node_modules/ws/package.json"))) {
            return DIR;
        }
        Files.createDirectories(DIR);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                DIR.toString(), "ws@" + VERSION).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IOException("npm install ws@" + VERSION + " failed: " + out);
        }
        return DIR;
    }

    /** Starts node on {@code script} (written to a file next to {@code ws}) with {@code args}. */
    static Process start(String script, String... args) throws IOException, InterruptedException {
        Path dir = install();
        File file = Files.createTempFile(dir, "peer", ".js").toFile();
        file.deleteOnExit();
        Files.writeString(file.toPath(), script);
        List<String> command = new java.util.ArrayList<>(List.of("node", file.getAbsolutePath()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
        return pb.start();
    }
}
