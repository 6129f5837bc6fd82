import ArgumentParser
import Corpora
import Foundation
import SeqbenchCore

/// `seqbench corpus list|show|export`.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "List, inspect and export the corpora seqbench knows.",
        discussion: """
        EXAMPLES:
          seqbench corpus list
          seqbench corpus show kjv --json
          seqbench corpus export fortunes --out fortunes.txt
        """,
        subcommands: [List.self, Show.self, Export.self]
    )

    struct List: SeqbenchCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the corpora known by name.",
            discussion: """
            Packaged corpora come from Debian packages (scripts/bootstrap installs them); \
            downloads are fetched once into $SEQBENCH_CACHE (default ~/.cache/seqbench) and \
            checked by SHA-256. Synthetic corpora are generated: \
            synthetic:markov:order=K,alphabet=A,length=N,seed=S[,alpha=0.5]. Any other argument \
            containing "/" or naming an existing file is read as a UTF-8 text file.

            EXAMPLE:
              seqbench corpus list
            """
        )

        func execute() throws {
            var rows = [["NAME", "ORIGIN", "DESCRIPTION"]]
            for e in CorpusCatalog.known { rows.append([e.name, e.origin.rawValue, e.summary]) }
            rows.append(["synthetic:markov:…", "generated", "random order-k Markov source with a known entropy rate"])
            printOut(formatTable(rows))
        }
    }

    struct Show: SeqbenchCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a corpus's size, SHA-256, characters, lines and split boundaries.",
            discussion: """
            Sizes: bytes of UTF-8; characters are Unicode scalars (newlines included); lines count \
            "\\n" plus a final unterminated line. The split is the one train/eval use for --corpus \
            with the same --split. Synthetic corpora also show their exact entropy rate.

            EXAMPLES:
              seqbench corpus show kjv
              seqbench corpus show synthetic:markov:order=2,alphabet=5,length=9000,seed=7
            """
        )

        @Argument(help: "A corpus name, synthetic spec or file path.")
        var name: String

        @Option(help: ArgumentHelp("Train,valid,test fractions.", valueName: "a,b,c"))
        var split: String = SplitFractions.standard.description

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func execute() throws {
            let fractions = try SplitFractions.parse(split)
            let corpus = try CorpusCatalog.load(try CorpusSpec.parse(name, field: "corpus"))
            let stats = corpus.statistics
            var splitRecord: SplitRecord? = nil
            var splitProblem: String? = nil
            do {
                splitRecord = try corpus.split(fractions).record(corpusName: corpus.name, corpusSHA256: corpus.sha256)
            } catch let e as SeqbenchError {
                splitProblem = e.message
            }
            if json {
                var o: [String: JSONValue] = [
                    "name": .string(corpus.name), "source": .string(corpus.source), "sha256": .string(corpus.sha256),
                    "bytes": .int(stats.bytes), "characters": .int(stats.characters), "lines": .int(stats.lines),
                    "distinct_characters": .int(stats.distinctCharacters),
                    "entropy_rate_nats": corpus.entropyRateNats.map { .double($0) } ?? .null,
                    "entropy_rate_bits": corpus.entropyRateBits.map { .double($0) } ?? .null,
                    "split": .null,
                ]
                if let r = splitRecord {
                    o["split"] = try JSONValue.decoder().decode(JSONValue.self, from: JSONValue.encoder().encode(r))
                }
                if let p = splitProblem { o["split_error"] = .string(p) }
                printOut(try jsonString(JSONValue.object(o)) + "\n")
                return
            }
            var rows: [[String]] = [
                ["name", corpus.name], ["source", corpus.source], ["sha256", corpus.sha256],
                ["bytes", String(stats.bytes)], ["characters", String(stats.characters)],
                ["lines", String(stats.lines)], ["distinct characters", String(stats.distinctCharacters)],
            ]
            if let h = corpus.entropyRateNats, let b = corpus.entropyRateBits {
                rows.append(["entropy rate", "\(formatDouble(b)) bits/char (\(formatDouble(h)) nats/char)"])
            }
            var out = formatTable(rows)
            if let r = splitRecord {
                out += "\nsplit \(fractions.description) (lines and bytes are 0-based, half-open)\n"
                var t = [["PART", "LINES", "BYTES", "SHA-256"]]
                for p in r.parts {
                    t.append([p.name, "\(p.startLine)..<\(p.endLine)", "\(p.startByte)..<\(p.endByte)", p.sha256])
                }
                out += formatTable(t)
            } else if let p = splitProblem {
                out += "\nsplit: \(p)\n"
            }
            printOut(out)
        }
    }

    struct Export: SeqbenchCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a corpus's text to a file (atomically).",
            discussion: """
            EXAMPLE:
              seqbench corpus export fortunes --out fortunes.txt
            """
        )

        @Argument(help: "A corpus name, synthetic spec or file path.")
        var name: String

        @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String

        func execute() throws {
            let corpus = try CorpusCatalog.load(try CorpusSpec.parse(name, field: "corpus"))
            try AtomicFile.write(corpus.text, to: URL(fileURLWithPath: out))
            printNote("wrote \(out): \(corpus.text.utf8.count) bytes, SHA-256 \(corpus.sha256)")
        }
    }
}
