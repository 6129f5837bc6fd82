import Foundation
import SeqbenchCore

/// Joins the results folders of shards (`seqbench run --shard I/N`) into one, refusing folders from
/// different experiments (config hash) or disagreeing cells, then writes the summary tables.
public enum Merge {
    public static func merge(_ dirs: [URL], into out: URL) throws {
        guard !dirs.isEmpty else { throw SeqbenchError.usage("give at least one results folder to merge") }
        var manifests: [(URL, [String: JSONValue])] = []
        for d in dirs {
            let m = d.appendingPathComponent("manifest.json")
            guard FileManager.default.fileExists(atPath: m.path) else {
                throw SeqbenchError.data("\(d.path): no manifest.json; give folders written by 'seqbench run'")
            }
            guard let o = try ResultFiles.read(JSONValue.self, from: m).objectValue else {
                throw SeqbenchError.data("\(m.path): not a seqbench manifest")
            }
            manifests.append((d, o))
        }
        let hash = manifests[0].1["config_hash"]?.stringValue ?? ""
        for (d, m) in manifests.dropFirst() where m["config_hash"]?.stringValue != hash {
            throw SeqbenchError.data("\(d.path): experiment config hash \(m["config_hash"]?.stringValue?.prefix(12) ?? "none") differs from \(manifests[0].0.path)'s \(hash.prefix(12)); merge only shards of one experiment")
        }
        let outCells = out.appendingPathComponent("cells")
        try FileManager.default.createDirectory(at: outCells, withIntermediateDirectories: true)
        var seen: [String: Data] = [:]
        for (d, _) in manifests {
            let cellsDir = d.appendingPathComponent("cells")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: cellsDir.path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            for n in names {
                let src = cellsDir.appendingPathComponent(n)
                guard let data = try? Data(contentsOf: src) else { throw SeqbenchError.data("\(src.path): cannot be read") }
                if let prior = seen[n] {
                    // The same cell in two shards must agree except for timings.
                    if !n.hasPrefix("human-") {
                        let a = try ResultFiles.read(CellResult.self, from: src)
                        let b = try JSONValue.decoder().decode(CellResult.self, from: prior)
                        guard a.evaluation == b.evaluation else {
                            throw SeqbenchError.data("\(src.path): cell \(n) disagrees with another shard's copy; rerun that cell")
                        }
                    }
                    continue
                }
                seen[n] = data
                if d.standardizedFileURL != out.standardizedFileURL {
                    try AtomicFile.write(data, to: outCells.appendingPathComponent(n))
                }
            }
        }
        var manifest = manifests[0].1
        manifest["shard"] = nil
        manifest["merged_from"] = .array(dirs.map { .string($0.path) })
        let starts = manifests.compactMap { $0.1["started"]?.stringValue }.sorted()
        let ends = manifests.compactMap { $0.1["finished"]?.stringValue }.sorted()
        if let s = starts.first { manifest["started"] = .string(s) }
        if let e = ends.last { manifest["finished"] = .string(e) }
        if let cfg = manifest["config"]?.stringValue { try AtomicFile.write(cfg, to: out.appendingPathComponent("experiment.yaml")) }
        try Summary.write(resultsDir: out)
        let done = Summary.countCells(in: out)
        manifest["cells_done"] = .int(done)
        try ResultFiles.write(JSONValue.object(manifest), to: out.appendingPathComponent("manifest.json"))
        if let total = manifest["cells_total"]?.intValue, done < total {
            throw SeqbenchError.data("\(out.path): merged \(done) of \(total) cells; run the missing shards (or --resume them) and merge again")
        }
    }
}
