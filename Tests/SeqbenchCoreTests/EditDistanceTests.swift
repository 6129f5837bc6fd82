import Testing
@testable import SeqbenchCore

@Suite struct EditDistanceTests {
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("flaw", "lawn", 2), ("same", "same", 0), ("жук", "жуки", 1)])
    func levenshtein(a: String, b: String, d: Int) {
        // kitten→sitting: k→s, e→i, +g (the textbook example); flaw→lawn: −f, +n.
        #expect(EditDistance.levenshtein(a, b) == d)
        #expect(EditDistance.levenshtein(b, a) == d)
    }

    @Test func nearestSuggestsCloseNamesOnly() {
        #expect(EditDistance.nearest("kvj", in: ["kjv", "jargon", "fortunes"]) == "kjv")
        #expect(EditDistance.nearest("KJV", in: ["kjv"]) == "kjv")
        #expect(EditDistance.nearest("zzzzzzzz", in: ["kjv", "jargon"]) == nil)
        // Ties go to the alphabetically first name whatever the order given.
        #expect(EditDistance.nearest("ab", in: ["ac", "aa"]) == "aa")
        #expect(EditDistance.nearest("ab", in: ["aa", "ac"]) == "aa")
        #expect(EditDistance.suggestion(for: "wrd", in: ["char", "word", "byte"]) == " (did you mean 'word'?)")
    }
}
