import Foundation
import SeqbenchCore

/// Whether every model of a results folder has a cell for every seed of the experiment.
///
/// A baseline holds, per model, the mean over the experiment's S seeds. A folder where a model has
/// cells for only k < S of them (an interrupted run, one shard of a sharded run, a deleted cell file)
/// summarises to a k-seed mean, which is not comparable with an S-seed baseline and may pass or fail
/// by chance; `seqbench check` and `seqbench baseline` therefore refuse it rather than compare it.
enum SeedCoverage {
    /// The seeds the experiment in the manifest's `config` runs (`ExperimentConfig.defaultSeeds` when
    /// it names none), or nil when the manifest holds no readable config.
    static func expectedSeeds(manifest: [String: JSONValue]) -> [UInt64]? {
        guard let text = manifest["config"]?.stringValue,
              let top = (try? ConfigNode.parse(text, file: "manifest config"))?.json.objectValue else { return nil }
        guard let list = top["seeds"] else { return ExperimentConfig.defaultSeeds }
        guard let items = list.arrayValue else { return nil }
        let seeds = items.compactMap { $0.intValue.map(UInt64.init) }
        return seeds.count == items.count ? seeds.sorted() : nil
    }

    /// Throws when a model (corpus and configuration) has cells for other seeds than `expected`.
    ///
    /// - Throws: `SeqbenchError.usage` (unusable input, exit code 2) naming the first such model in
    ///   (corpus, model) order, the seeds expected and found, and how to finish the run.
    /// - Complexity: O(C log C) for C cells.
    static func requireEverySeed(cells: [CellResult], manifest: [String: JSONValue], resultsDir: URL) throws {
        guard let expected = expectedSeeds(manifest: manifest) else { return }
        var seeds: [String: (cell: CellResult, seeds: [UInt64])] = [:]
        for c in cells { seeds["\(c.corpus)\u{1}\(c.configID)", default: (c, [])].seeds.append(c.seed) }
        let groups = seeds.values.sorted { ($0.cell.corpus, $0.cell.model, $0.cell.configID) < ($1.cell.corpus, $1.cell.model, $1.cell.configID) }
        for g in groups where g.seeds.sorted() != expected {
            let what: String
            if let shard = manifest["shard"]?.stringValue {
                what = "the folder holds shard \(shard) only; merge every shard with 'seqbench merge' and give the merged folder"
            } else {
                let config = manifest["config_path"]?.stringValue ?? "EXPERIMENT"
                what = "the run is incomplete; finish it with 'seqbench run \(config) --out \(resultsDir.path) --resume', then check again"
            }
            throw SeqbenchError.usage("\(resultsDir.path): \(g.cell.corpus) · \(g.cell.model) has results for seed(s) \(list(g.seeds.sorted())) but the experiment runs seed(s) \(list(expected)); \(what)")
        }
    }

    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ", ") }
}
