import Testing
@testable import Plotting

@Suite struct GnuplotTextTests {
    @Test func singleQuotedStringsDoubleQuotes() {
        // Inside '…' gnuplot reads '' as one quote and nothing else is special.
        #expect(GnuplotText.quote("lstm \"big\" 2x64_ü") == "'lstm \"big\" 2x64_ü'")
        #expect(GnuplotText.quote("it's") == "'it''s'")
        #expect(GnuplotText.quote("a\\b") == "'a\\b'")
        #expect(GnuplotText.quote("two\nlines\t") == "'two lines '")
    }

    @Test func numbersRoundTripAndNonFiniteIsMissing() {
        #expect(GnuplotText.number(0.1) == "0.1")
        #expect(Double(GnuplotText.number(1.0 / 3.0)) == 1.0 / 3.0)   // full precision
        #expect(GnuplotText.number(.nan) == "NaN")
        #expect(GnuplotText.number(.infinity) == "NaN")
    }

    @Test func slugs() {
        #expect(GnuplotText.slug("tiny_shakespeare") == "tiny_shakespeare")
        // Changed names carry a hash of the original, so distinct names never collide.
        let a = GnuplotText.slug("synthétique \"markov\""), b = GnuplotText.slug("synthétique markov")
        #expect(a.hasPrefix("synth-tique-markov-") && b.hasPrefix("synth-tique-markov-") && a != b)
        #expect(GnuplotText.slug("ü").count == 8)
    }
}
