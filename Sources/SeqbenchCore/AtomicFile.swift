import Foundation

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the destination (rename(2) is atomic on one file system).
///
/// The temporary file is written with plain POSIX calls (Foundation's `createFile` would add a
/// temporary file of its own), and an interrupt (SIGINT, SIGTERM, SIGHUP) during the write removes
/// it before the process ends as the signal says: a run stopped with Ctrl-C leaves the destination
/// as it was and nothing beside it.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the parent folder if needed.
    /// - Throws: `SeqbenchError.data` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw SeqbenchError.data("\(dir.path): cannot create the folder (\(error.localizedDescription)); check the path and permissions")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max, using: &tmpNameGenerator)).tmp")
        inFlightLock.lock()
        defer { inFlightLock.unlock() }
        installInterruptCleanup()
        let path = strdup(tmp.path)!
        inFlightPath = path
        defer { inFlightPath = nil; free(path) }
        if let reason = writeFile(path, data) {
            unlink(path)
            throw SeqbenchError.data("\(url.path): cannot write a temporary file in \(dir.path) (\(reason)); check the folder's permissions and free space")
        }
        if rename(path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw SeqbenchError.data("\(url.path): cannot rename the temporary file into place (\(reason))")
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Creates `path` (which must not exist) and writes `data` to it; nil, or why not.
    private static func writeFile(_ path: UnsafePointer<CChar>, _ data: Data) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { return String(cString: strerror(errno)) }
        var failure = data.withUnsafeBytes { FileIO.writeAll(fd, $0) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }
}

// Temporary file names only need to differ between concurrent writers; they never affect results.
nonisolated(unsafe) private var tmpNameGenerator = SystemRandomNumberGenerator()

/// One write at a time, so that the interrupt handler knows the one temporary file to remove.
private let inFlightLock = NSLock()
/// The temporary file being written, for the interrupt handler (read there, so a plain C string).
nonisolated(unsafe) private var inFlightPath: UnsafeMutablePointer<CChar>? = nil
nonisolated(unsafe) private var cleanupInstalled = false

/// Installs, once, handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary file being
/// written (unlink is async-signal-safe), restore the default action and raise the signal again,
/// so the process still ends as the signal says (exit status 128 + n in a shell). Signals that
/// already have a handler, or are ignored, are left alone.
private func installInterruptCleanup() {
    if cleanupInstalled { return }
    cleanupInstalled = true
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        var old = sigaction()
        sigaction(sig, nil, &old)
        let handler: @convention(c) (Int32) -> Void = { sig in
            if let p = inFlightPath { unlink(p) }
            signal(sig, SIG_DFL)
            raise(sig)
        }
        var action = sigaction()
        #if canImport(Glibc)
        guard old.__sigaction_handler.sa_handler == nil else { continue }   // SIG_DFL is nil here
        action.__sigaction_handler.sa_handler = handler
        #else
        guard old.__sigaction_u.__sa_handler == nil else { continue }
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(sig, &action, nil)
    }
}
