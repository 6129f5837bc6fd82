import Foundation
import Testing

/// Runs the built `seqbench` binary. It sits next to the test bundle in the products folder
/// (`swift build --build-tests`, which `make test` runs first, builds both); `$SEQBENCH_BIN` overrides.
struct CLI {
    struct Result: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    static let binary: URL? = {
        if let b = ProcessInfo.processInfo.environment["SEQBENCH_BIN"] { return URL(fileURLWithPath: b) }
        var candidates: [URL] = []
        // The test runner's own path: .build/<triple>/debug/seqbenchPackageTests.xctest (Linux) or
        // …/seqbenchPackageTests.xctest/Contents/MacOS/… (macOS).
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("seqbench"))
            dir = dir.deletingLastPathComponent()
        }
        // The package's .build/debug, found from this source file.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/seqbench"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
    }()

    /// Runs `seqbench args…` in `directory`, with `environment` changed (nil values unset).
    static func run(_ args: [String], in directory: URL, environment changes: [String: String?] = [:]) throws -> Result {
        guard let binary else {
            Issue.record("the seqbench binary was not found; run 'swift build --build-tests' (or 'make test') first")
            return Result(status: -1, stdout: "", stderr: "")
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["SEQBENCH_CACHE"] = directory.appendingPathComponent("cache").path
        for (k, v) in changes { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("seqbench-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}
