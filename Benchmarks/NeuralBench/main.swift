// seqbench-neural-bench: the Swift side of Benchmarks/neural-vs-pytorch.sh. Follows the procedure of
// bench/pytorch_charlm.py step for step (data split, streams, init scheme, one training step =
// forward + loss + backward + clip + Adam, median step time after warm-up, validation, batch-1
// sampling) and prints one JSON line with the same field names. Release builds only.
import Foundation
import CBLAS
import Corpora
import LanguageModels
import Neural
import SeqbenchCore

struct Args {
    var data = "../shared/corpora/tinyshakespeare.txt"
    var model = "lstm", layers = 2, emb = 64, hidden = 256, seq = 100, batch = 32, threads = 2
    var warmup = 20, steps = 200, evalEvery = 0, noEval = false
    var lr = 2e-3, clip = 5.0, seed: UInt64 = 1234
    var sampleChars = 2000, sampleWarmup = 100, temperature = 1.0
    var sgemmCeiling = false
}

let usage = """
    usage: seqbench-neural-bench [--model rnn|lstm|gru] [--layers L] [--emb E] [--hidden H] [--seq S] [--batch B]
                                 [--threads J] [--warmup N] [--steps N] [--eval-every N] [--no-eval] [--lr X] [--clip C]
                                 [--seed K] [--sample-chars N] [--temperature T] [--data FILE]
           seqbench-neural-bench --sgemm-ceiling [--threads J]
    Flags and defaults as ../shared/bench/pytorch_charlm.py; prints one JSON line (Benchmarks/README.md).
    """
/// A one-line error naming the flag and the value, then exit 2 (a benchmark driver, not a crash).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write("seqbench-neural-bench: \(message) (--help lists the flags)\n".data(using: .utf8)!)
    exit(2)
}

// OpenBLAS's own kernels where it knows this CPU, the CPU's widest otherwise (as seqbench does).
OpenBLASCore.restartWithWiderKernelsIfNeeded()
var a = Args()
var it = CommandLine.arguments.dropFirst().makeIterator()
while let k = it.next() {
    func v() -> String { guard let x = it.next() else { fail("\(k) needs a value") }; return x }
    func int(min: Int = 1) -> Int {
        let x = v()
        guard let n = Int(x), n >= min else { fail("\(k) \(x): expected an integer ≥ \(min)") }
        return n
    }
    func real() -> Double {
        let x = v()
        guard let d = Double(x), d.isFinite, d > 0 else { fail("\(k) \(x): expected a positive number") }
        return d
    }
    switch k {
    case "--help", "-h": print(usage); exit(0)
    case "--data": a.data = v()
    case "--model":
        a.model = v()
        guard CellKind(rawValue: a.model) != nil else { fail("--model \(a.model): expected rnn, lstm or gru") }
    case "--layers": a.layers = int()
    case "--emb": a.emb = int()
    case "--hidden": a.hidden = int()
    case "--seq": a.seq = int()
    case "--batch": a.batch = int()
    case "--threads": a.threads = int()
    case "--warmup": a.warmup = int(min: 0)
    case "--steps": a.steps = int()
    case "--eval-every": a.evalEvery = int(min: 0)
    case "--no-eval": a.noEval = true
    case "--lr": a.lr = real()
    case "--clip": a.clip = real()
    case "--seed":
        let x = v()
        guard let s = UInt64(x) else { fail("--seed \(x): expected an integer in 0...\(UInt64.max)") }
        a.seed = s
    case "--sample-chars": a.sampleChars = int(min: 0)
    case "--temperature": a.temperature = real()
    case "--sgemm-ceiling": a.sgemmCeiling = true
    default: fail("unknown argument \(k)")
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
let t0 = now()
BLASThreads.set(a.threads)

if a.sgemmCeiling {
    // The sgemm ceiling of this OpenBLAS: square products (n = 1024, 2048) and the shapes of the
    // training step's big GEMMs, GFLOP/s = 2·M·N·K / time (best of 5), one call each on OpenBLAS's
    // own threads (BLASThreads may have set OpenBLAS to 1 thread to split work itself).
    openblas_set_num_threads(Int32(a.threads))
    func bench(_ m: Int, _ n: Int, _ k: Int, transB: Bool) -> Double {
        let A = [Float](repeating: 0.5, count: m * k), B = [Float](repeating: 0.25, count: k * n)
        var C = [Float](repeating: 0, count: m * n)
        var best = Double.infinity
        for _ in 0..<5 {
            let s = now()
            cblas_sgemm(CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k), 1,
                        A, blasint(k), B, blasint(transB ? k : n), 0, &C, blasint(n))
            best = min(best, now() - s)
        }
        return 2 * Double(m) * Double(n) * Double(k) / best / 1e9
    }
    var out: [String: JSONValue] = ["threads": .int(a.threads), "blas_core": .string(OpenBLASCore.name)]
    out["square_1024"] = .double(bench(1024, 1024, 1024, transB: false))
    out["square_2048"] = .double(bench(2048, 2048, 2048, transB: false))
    out["input_projection_3200x1024x256"] = .double(bench(3200, 1024, 256, transB: true))
    out["recurrent_32x1024x256"] = .double(bench(32, 1024, 256, transB: true))
    print(String(decoding: try JSONValue.encoder(pretty: false).encode(JSONValue.object(out)), as: UTF8.self))
    exit(0)
}

// Data (pytorch_charlm.py 1–3): code points, vocabulary of the whole file, first 90% train.
let raw: String
do { raw = try String(contentsOfFile: a.data, encoding: .utf8) } catch { fail("--data \(a.data): cannot read it as UTF-8 (\(error.localizedDescription)); the corpus is in ../shared/corpora") }
let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
let vocab = Vocabulary(tokenizer: .char, trainingText: text)
let ids = vocab.encode(text).ids
let nTrain = Int(Double(ids.count) * 0.9)
let train = Array(ids[0..<nTrain]), valid = Array(ids[nTrain...])

let cell = CellKind(rawValue: a.model)!
let shape = NetworkShape(cell: cell, vocabulary: vocab.count, embedding: a.emb, hidden: a.hidden, layers: a.layers)
let layout = ParameterLayout(shape)
let T = a.seq, B = a.batch, N = T * B
var initRNG = Xoshiro256.derived(seed: a.seed, label: "neural.init")
let params = layout.initialParameters(using: &initRNG)
// As `seqbench train` holds them (`RecurrentTrainer`): FloatBuffers, on 64-byte boundaries.
let paramBuffer = FloatBuffer(params.count), gradBuffer = FloatBuffer(params.count)
paramBuffer.copy(from: params)
let p = paramBuffer.pointer, g = gradBuffer.pointer
let ws = NetworkWorkspace(shape: shape, maxSteps: T, batch: B)
let opt = Optimizer(kind: .adam, count: layout.count)
let validator = a.noEval ? nil : try Validator(shape: shape, valid: valid, characters: valid.count, batch: B, seqLen: T)
let streamLength = train.count / B
let inputs = UnsafeMutablePointer<Int32>.allocate(capacity: N), targets = UnsafeMutablePointer<Int32>.allocate(capacity: N)
var pos = 0, wraps = 0
var stepTimes: [Double] = [], losses: [Double] = []
var curve: [JSONValue] = []
let total = a.warmup + a.steps
var trainWall = 0.0
for step in 0..<total {
    let s = now()
    if pos + T + 1 > streamLength { pos = 0; wraps += 1; ws.resetState() }
    for t in 0..<T { for b in 0..<B { let at = b * streamLength + pos + t; inputs[t * B + b] = train[at]; targets[t * B + b] = train[at + 1] } }
    let loss = ws.trainingStep(parameters: p, gradients: g, count: layout.count, optimizer: opt, inputs: inputs, targets: targets,
                               steps: T, clip: a.clip, lr: a.lr)
    pos += T
    let e = now() - s
    trainWall += e
    if step >= a.warmup { stepTimes.append(e) }
    losses.append(loss)
    if !loss.isFinite { FileHandle.standardError.write("non-finite loss at step \(step + 1)\n".data(using: .utf8)!); break }
    if step % 50 == 0 { FileHandle.standardError.write("step \(step + 1) loss \(loss)\n".data(using: .utf8)!) }
    if let validator, a.evalEvery > 0, (step + 1) % a.evalEvery == 0, step + 1 < total {
        let bpc = validator.bitsPerCharacter(parameters: p)
        let last = losses.suffix(50)
        curve.append(.object(["step": .int(step + 1), "bpc": .double(bpc), "train_loss_last50": .double(last.reduce(0, +) / Double(last.count))]))
        FileHandle.standardError.write("step \(step + 1) valid bpc \(bpc)\n".data(using: .utf8)!)
    }
}
var out: [String: JSONValue] = [:]
if let validator {
    let bpc = validator.bitsPerCharacter(parameters: p)
    let last = losses.suffix(50)
    curve.append(.object(["step": .int(losses.count), "bpc": .double(bpc), "train_loss_last50": .double(last.reduce(0, +) / Double(last.count))]))
    out["valid_bpc"] = .double(bpc)
    out["valid_nats"] = .double(bpc * M_LN2)
}
let sorted = stepTimes.sorted()
let median = sorted.isEmpty ? .nan : (sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
let flopsPerToken = 6.0 * Double(shape.matmulWeights)
out["train_tokens_per_s"] = .double(Double(N) / median)
out["train_tokens_per_s_mean"] = .double(Double(N * stepTimes.count) / stepTimes.reduce(0, +))
out["step_ms_median"] = .double(median * 1000)
out["step_ms_p10"] = .double(sorted.isEmpty ? .nan : sorted[sorted.count / 10] * 1000)
out["step_ms_p90"] = .double(sorted.isEmpty ? .nan : sorted[sorted.count * 9 / 10] * 1000)
out["train_gflops"] = .double(flopsPerToken * Double(N) / median / 1e9)
out["flops_per_train_token"] = .double(flopsPerToken)
out["params_total"] = .int(layout.count)
out["matmul_weights"] = .int(shape.matmulWeights)
out["final_train_loss_last50"] = .double(losses.suffix(50).reduce(0, +) / Double(min(50, losses.count)))
out["curve"] = .array(curve)
out["epochs_wrapped"] = .int(wraps)

// Sampling (16.): batch 1, state zeros, first input "\n", temperature, one char per model call.
let model = RecurrentLanguageModel(vocabulary: vocab, shape: shape, parameters: Array(UnsafeBufferPointer(start: p, count: layout.count)))
let ctx = model.makeContext()   // has read "\n"
var sampler = Sampler(options: SamplingOptions(temperature: a.temperature))
var srng = Xoshiro256(seed: a.seed)
var lp = [Double](repeating: 0, count: vocab.count)
var sampled: [Int32] = []
sampled.reserveCapacity(a.sampleChars + a.sampleWarmup)
var sampleStart = 0.0
for i in 0..<(a.sampleWarmup + a.sampleChars) {
    if i == a.sampleWarmup { sampleStart = now() }
    ctx.logProbabilities(into: &lp)
    let tok = sampler.sample(logProbabilities: lp, using: &srng)!
    sampled.append(tok)
    ctx.observe(tok)
}
let sampleSecs = now() - sampleStart
out["sample_tokens_per_s"] = .double(Double(a.sampleChars) / sampleSecs)
out["sample_text"] = .string(String(vocab.decode(Array(sampled.prefix(200)))))
out["wall_seconds"] = .double(now() - t0)
out["implementation"] = .string("seqbench")
out["blas_core"] = .string(OpenBLASCore.name)
out["config"] = .object(["model": .string(a.model), "layers": .int(a.layers), "emb": .int(a.emb), "hidden": .int(a.hidden),
                         "seq": .int(T), "batch": .int(B), "threads": .int(a.threads), "warmup": .int(a.warmup), "steps": .int(a.steps),
                         "lr": .double(a.lr), "clip": .double(a.clip), "vocab": .int(vocab.count)])
print(String(decoding: try JSONValue.encoder(pretty: false).encode(JSONValue.object(out)), as: UTF8.self))
