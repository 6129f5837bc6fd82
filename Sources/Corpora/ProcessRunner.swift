import Foundation

/// Runs a program to completion with standard input from /dev/null, collecting its output.
enum ProcessRunner {
    struct Output {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs `executable` with `arguments`. Standard output and error are read on two threads while
    /// the program runs, so a large output never blocks it.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw Failure(message: "cannot run \(executable): \(error.localizedDescription)") }
        let box = ErrorBox()
        let t = Thread { box.data = err.fileHandleForReading.readDataToEndOfFile(); box.done.signal() }
        t.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        box.done.wait()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, standardOutput: o, standardError: box.data)
    }

    private final class ErrorBox: @unchecked Sendable {  // written by one thread before `done` is signalled
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
