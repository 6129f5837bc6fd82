// swift-tools-version: 6.0
// seqbench: n-gram Markov chains and recurrent networks on the same bench.
import PackageDescription

let package = Package(
    name: "seqbench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "seqbench", targets: ["seqbench"]),
        .library(name: "SeqbenchCore", targets: ["SeqbenchCore"]),
        .library(name: "Corpora", targets: ["Corpora"]),
        .library(name: "LanguageModels", targets: ["LanguageModels"]),
        .library(name: "Markov", targets: ["Markov"]),
        .library(name: "Neural", targets: ["Neural"]),
        .library(name: "Metrics", targets: ["Metrics"]),
        .library(name: "Harness", targets: ["Harness"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "ModelZoo", targets: ["ModelZoo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C shims
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "pkg-config"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: Library modules (each imports only what sits below it)
        // Seeded generators, errors, hashing, atomic files, binary codec.
        .target(name: "SeqbenchCore"),
        // Corpora, splits, tokenizers, vocabularies, the synthetic Markov source.
        .target(name: "Corpora", dependencies: ["SeqbenchCore", "CZlib"]),
        // The one model protocol, model files, sampling, evaluation, the unigram model.
        .target(name: "LanguageModels", dependencies: ["SeqbenchCore", "Corpora"]),
        // n-gram Markov chains (knows nothing of the harness).
        .target(name: "Markov", dependencies: ["SeqbenchCore", "Corpora", "LanguageModels"]),
        // RNN, LSTM, GRU on OpenBLAS (knows nothing of the harness).
        .target(name: "Neural", dependencies: ["SeqbenchCore", "Corpora", "LanguageModels", "CBLAS"]),
        // Every model kind by name: the only module that knows the concrete models.
        .target(name: "ModelZoo", dependencies: ["LanguageModels", "Markov", "Neural"]),
        // Repetition, diversity and copying metrics over token sequences.
        .target(name: "Metrics", dependencies: ["SeqbenchCore", "CZlib"]),
        // The gnuplot driver: knows only result tables.
        .target(name: "Plotting", dependencies: ["SeqbenchCore"]),
        // Experiments: configs, grids, cells, results (models only through LanguageModels).
        .target(
            name: "Harness",
            dependencies: ["SeqbenchCore", "Corpora", "LanguageModels", "Metrics", "Plotting",
                           .product(name: "Yams", package: "Yams")]
        ),

        // MARK: CLI
        .executableTarget(
            name: "seqbench",
            dependencies: ["SeqbenchCore", "Corpora", "LanguageModels", "ModelZoo", "Markov", "Neural",
                           "Metrics", "Harness", "Plotting", "CBLAS",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Benchmarks (release builds only; see Benchmarks/neural-vs-pytorch.sh)
        .executableTarget(
            name: "seqbench-neural-bench",
            dependencies: ["Neural", "Corpora", "LanguageModels", "SeqbenchCore", "CBLAS"],
            path: "Benchmarks/NeuralBench"
        ),

        // MARK: Tests
        // Counts the test thread's heap allocations (interposes malloc in the test executable only).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "SeqbenchCoreTests", dependencies: ["SeqbenchCore"]),
        .testTarget(name: "CorporaTests", dependencies: ["Corpora", "SeqbenchCore"]),
        .testTarget(name: "LanguageModelsTests", dependencies: ["LanguageModels", "Corpora", "SeqbenchCore"]),
        .testTarget(name: "MarkovTests", dependencies: ["Markov", "LanguageModels", "Corpora", "SeqbenchCore"]),
        .testTarget(
            name: "NeuralTests",
            dependencies: ["Neural", "LanguageModels", "Corpora", "SeqbenchCore", "AllocationCounter"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "SeqbenchCore"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "SeqbenchCore"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "ModelZoo", "LanguageModels", "Corpora", "SeqbenchCore", "Metrics"]),
        .testTarget(name: "CLITests", dependencies: ["SeqbenchCore"]),
    ]
)
