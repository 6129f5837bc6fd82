import Foundation

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the destination (rename(2) is atomic on one file system).
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
        guard fm.createFile(atPath: tmp.path, contents: data) else {
            throw SeqbenchError.data("\(url.path): cannot write a temporary file in \(dir.path); check the folder's permissions and free space")
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: tmp)
            throw SeqbenchError.data("\(url.path): cannot rename the temporary file into place (\(reason))")
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}

// Temporary file names only need to differ between concurrent writers; they never affect results.
nonisolated(unsafe) private var tmpNameGenerator = SystemRandomNumberGenerator()
