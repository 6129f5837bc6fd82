import Foundation
import Testing

/// Every subcommand documents itself with at least one example that names the subcommand.
@Suite struct HelpTests {
    @Test(arguments: [["train"], ["eval"], ["sample"], ["models"], ["corpus"], ["corpus", "list"], ["corpus", "show"], ["corpus", "export"], ["blas"]])
    func helpHasAnExample(command: [String]) throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(command + ["--help"], in: dir)
        #expect(r.status == 0 && r.stderr == "")
        #expect(r.stdout.contains("EXAMPLE"))
        #expect(r.stdout.contains("  seqbench \(command.joined(separator: " "))"))
    }

    @Test func modelsListsEveryKindWithOptions() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["models"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("unigram: unigram frequencies with add-one smoothing (a baseline that ignores context)\n  (no options)\n"))
        let list = try CLI.run(["train", "unigram", "--list-options"], in: dir)
        #expect(list == CLI.Result(status: 0, stdout: "unigram: unigram frequencies with add-one smoothing (a baseline that ignores context)\n  (no options)\n", stderr: ""))
    }
}
