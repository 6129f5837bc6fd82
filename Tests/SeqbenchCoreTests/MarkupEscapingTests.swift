import Testing
import SeqbenchCore

@Suite struct MarkupEscapingTests {
    @Test func escapesTheFiveCharactersAndControlCharacters() {
        // By hand: each special character becomes its entity; BEL (0x07) becomes a space; tab, newline,
        // non-ASCII and emoji pass through.
        #expect(MarkupEscaping.escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(MarkupEscaping.escape("x\u{07}y\tz\nü😀") == "x y\tz\nü😀")
        #expect(MarkupEscaping.escape("") == "")
    }
}
