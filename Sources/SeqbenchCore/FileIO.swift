import Foundation

/// The two low-level file operations every command shares: reading a whole file with the same
/// refusals everywhere, and writing all of a buffer to a descriptor.
public enum FileIO {
    /// The bytes of `path`.
    /// - Parameters:
    ///   - missing: what to say after "PATH: " when there is no such file;
    ///   - folder: what to say after "PATH: " when it is a folder.
    /// - Throws: `SeqbenchError.data` naming the path.
    public static func read(_ path: String, missing: String, folder: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SeqbenchError.data("\(path): \(missing)")
        }
        guard !isDir.boolValue else {
            throw SeqbenchError.data("\(path): \(folder)")
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            throw SeqbenchError.data("\(path): cannot be read; check its permissions")
        }
        return data
    }

    /// Writes all of `bytes` to file descriptor `fd`, retrying short and interrupted writes; nil,
    /// or why not (strerror).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }
}
