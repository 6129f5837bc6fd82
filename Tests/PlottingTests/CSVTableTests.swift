import Foundation
import SeqbenchCore
import Testing
@testable import Plotting

@Suite struct CSVTableTests {
    @Test func quotedFieldsCommasQuotesAndLineBreaks() throws {
        // RFC 4180 §2: "" inside quotes is one quote; quoted fields may hold commas and CRLF.
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nü,,last\n"
        let t = try CSVTable.parse(Data(text.utf8), source: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows == [["x, y", "say \"hi\"", "two\r\nlines"], ["ü", "", "last"]])
        #expect(t.lineNumbers == [2, 4])   // the second record starts after the two-line field
    }

    @Test func roundTripThroughEscape() throws {
        let t = CSVTable(header: ["model", "v"], rows: [["lstm \"big\" 2x64_ü", "1"], ["a,b", ""], ["line\nbreak", "NaN"]])
        let back = try CSVTable.parse(Data(t.csvText().utf8), source: "rt")
        #expect(back.header == t.header)
        #expect(back.rows == t.rows)
    }

    @Test func errorsNameFileAndLine() {
        #expect(throws: SeqbenchError.data("f.csv:2: a quoted field is never closed; check the quoting (RFC 4180: \"\" inside quotes)")) {
            try CSVTable.parse(Data("a,b\n\"open,1\n".utf8), source: "f.csv")
        }
        #expect(throws: SeqbenchError.data("f.csv:3: 1 fields, the header has 2; quote fields that contain commas")) {
            try CSVTable.parse(Data("a,b\n1,2\n3\n".utf8), source: "f.csv")
        }
        #expect(throws: SeqbenchError.data("f.csv:2: a quote inside an unquoted field; quote the whole field and double inner quotes")) {
            try CSVTable.parse(Data("a,b\nx\"y,2\n".utf8), source: "f.csv")
        }
    }

    @Test func numbersIncludingNonFinite() throws {
        #expect(try ResultNumber.parse("NaN", source: "s", line: 1, field: "mean")!.isNaN)
        #expect(try ResultNumber.parse("Infinity", source: "s", line: 1, field: "mean") == .infinity)
        #expect(try ResultNumber.parse("-Infinity", source: "s", line: 1, field: "mean") == -.infinity)
        #expect(try ResultNumber.parse("", source: "s", line: 1, field: "mean") == nil)
        #expect(try ResultNumber.parse("2.5e-3", source: "s", line: 1, field: "mean") == 0.0025)
        #expect(throws: SeqbenchError.data("s:7: field 'mean' is 'abc', not a number; numbers are decimal, NaN or Infinity")) {
            try ResultNumber.parse("abc", source: "s", line: 7, field: "mean")
        }
    }

    @Test func fixtureSummaryReadsByColumnName() throws {
        let set = try ResultSet.load(Fixture.results)
        let index = SummaryIndex(set.summary)
        #expect(index.corpora == ["tiny_shakespeare", "synthétique \"markov\""])
        // From summary.csv: tiny_shakespeare,lstm,"lstm ""big"" 2x64_ü",…,bits_per_char,3,1.98,0.02,1.95,2.01
        let r = try #require(index.row("tiny_shakespeare", "lstm \"big\" 2x64_ü", "bits_per_char"))
        #expect(r.mean == 1.98 && r.ciLow == 1.95 && r.ciHigh == 2.01 && r.n == 3 && r.temperature == nil)
        #expect(set.entropyRates == ["synthétique \"markov\"": 1.5375])
    }
}
