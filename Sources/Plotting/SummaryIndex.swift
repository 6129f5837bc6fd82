/// Ordered, deterministic look-ups over `summary.csv` rows. Orders follow first appearance in the
/// file (the harness writes cells in config order), never a dictionary's order.
public struct SummaryIndex: Sendable {
    public struct Key: Hashable, Sendable {
        var corpus: String, model: String, metric: String
        /// `Double.bitPattern` of the temperature, or nil.
        var temperature: UInt64?
    }

    public let rows: [SummaryRow]
    /// Model name → the label plots print (`PlotText.labels` over every model of the summary, so a
    /// model has the same label in every plot).
    let plotLabels: [String: String]
    /// Corpora in first-appearance order.
    public let corpora: [String]
    private let byKey: [Key: SummaryRow]
    private let modelsByCorpus: [String: [(model: String, family: String)]]

    public init(_ rows: [SummaryRow]) {
        self.rows = rows
        var corpora: [String] = [], seenCorpus: Set<String> = []
        var byKey: [Key: SummaryRow] = [:]
        var models: [String: [(model: String, family: String)]] = [:]
        var seenModel: Set<[String]> = []
        for r in rows {
            if seenCorpus.insert(r.corpus).inserted { corpora.append(r.corpus) }
            let t = r.temperature.map { $0 == 0 ? 0.0.bitPattern : $0.bitPattern }   // -0 == 0
            let k = Key(corpus: r.corpus, model: r.model, metric: r.metric, temperature: t)
            if byKey[k] == nil { byKey[k] = r }
            if seenModel.insert([r.corpus, r.model]).inserted { models[r.corpus, default: []].append((r.model, r.family)) }
        }
        for (c, list) in models {
            // Stable sort: family order (unigram, n-grams, networks, human last), then first appearance.
            let ranked = list.enumerated().sorted { (FamilyStyle.rank($0.element.family), $0.offset) < (FamilyStyle.rank($1.element.family), $1.offset) }
            models[c] = ranked.map(\.element)
        }
        self.corpora = corpora
        self.plotLabels = PlotText.labels(rows.map(\.model))
        self.byKey = byKey
        self.modelsByCorpus = models
    }

    /// The label plots print for a model (clipped, and told apart from look-alikes).
    func label(_ model: String) -> String {
        plotLabels[model] ?? PlotText.clip(model)
    }

    /// Models of a corpus (human rows included) in family order (unigram, n-grams, networks), human last.
    public func models(_ corpus: String) -> [(model: String, family: String)] {
        modelsByCorpus[corpus] ?? []
    }

    /// The row of one metric of one model, at a temperature or (nil) without one.
    public func row(_ corpus: String, _ model: String, _ metric: String, temperature: Double? = nil) -> SummaryRow? {
        byKey[Key(corpus: corpus, model: model, metric: metric,
                  temperature: temperature.map { $0 == 0 ? 0.0.bitPattern : $0.bitPattern })]
    }

    /// Temperatures at which a model has a metric, ascending.
    public func temperatures(_ corpus: String, _ model: String, _ metric: String) -> [Double] {
        Array(Set(rows.lazy.filter { $0.corpus == corpus && $0.model == model && $0.metric == metric }
            .compactMap(\.temperature))).sorted()
    }

    /// Whether any row has this metric (with a temperature when `withTemperature`, without otherwise).
    public func has(_ metric: String, withTemperature: Bool) -> Bool {
        rows.contains { $0.metric == metric && ($0.temperature != nil) == withTemperature }
    }

    /// Metrics that appear with a temperature, in `MetricInfo` order.
    public var temperatureMetrics: [String] {
        MetricInfo.ordered(rows.filter { $0.temperature != nil }.map(\.metric))
    }

    /// The human reference row of a metric on a corpus (family "human", no temperature).
    public func human(_ corpus: String, _ metric: String) -> SummaryRow? {
        for m in models(corpus) where m.family.lowercased() == "human" {
            if let r = row(corpus, m.model, metric) { return r }
        }
        return nil
    }

    /// Models of a corpus that have any row with a temperature (the sampled ones), in `models` order.
    public func sampledModels(_ corpus: String) -> [(model: String, family: String)] {
        let sampled = Set(rows.lazy.filter { $0.corpus == corpus && $0.temperature != nil }.map(\.model))
        return models(corpus).filter { sampled.contains($0.model) }
    }

    /// Line styles for the models of a line plot (given in display order): each model gets its
    /// family's colour and point type; the k-th model of a family (k from 0) gets dash type
    /// k mod 5 + 1 and, for odd k, the open variant of the point. When a family has several models
    /// (an order sweep of n-grams, say), their colours also run from a light to a dark shade of the
    /// family colour in display order (`FamilyStyle.shade`), so six blue n-gram lines can be told
    /// apart and read as a sequence. Plots of one kind show the same models, so a model keeps its
    /// style across them.
    /// - Returns: gnuplot style options (`lt … dt … pt …`, plus `lc rgb …` in a shared family),
    ///   one per model, in the same order.
    public static func lineStyles(_ models: [(model: String, family: String)]) -> [String] {
        var count: [Int: Int] = [:]   // linetype → models of that family; looked up, never iterated
        for m in models { count[FamilyStyle.of(m.family).linetype, default: 0] += 1 }
        var seen: [Int: Int] = [:]   // linetype → models so far
        let dashes = [1, 2, 4, 5, 3]
        return models.map { m in
            let style = FamilyStyle.of(m.family)
            let k = seen[style.linetype, default: 0]
            seen[style.linetype] = k + 1
            let open = k % 2 == 1 && style.pointType % 2 == 1 && style.pointType > 3
            let n = count[style.linetype]!
            let colour = n > 1 ? " lc rgb '\(style.shade(k, of: n))'" : ""
            return "lt \(style.linetype) dt \(dashes[k % dashes.count]) pt \(open ? style.pointType - 1 : style.pointType)" + colour
        }
    }
}
