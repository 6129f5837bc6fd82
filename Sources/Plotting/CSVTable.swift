import Foundation
import SeqbenchCore

/// A CSV table read generically by column name: a header row, then records (RFC 4180: fields may be
/// quoted with `"`, a quote inside a quoted field is doubled, quoted fields may hold commas and line
/// breaks; records end in LF or CRLF).
///
/// Parsing works on UTF-8 bytes: every delimiter is ASCII, so a multi-byte character can never be
/// mistaken for one, and `"\r\n"` (one `Character` in Swift) is seen as two bytes.
public struct CSVTable: Sendable, Equatable {
    /// Column names in file order.
    public var header: [String]
    /// Records, each with exactly `header.count` fields.
    public var rows: [[String]]
    /// Line number (1-based, of the record's first line) for each record, for error messages.
    public var lineNumbers: [Int]
    /// Where the table came from (file path or a description), for error messages.
    public var source: String

    public init(header: [String], rows: [[String]], lineNumbers: [Int]? = nil, source: String = "<memory>") {
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers ?? rows.indices.map { $0 + 2 }
        self.source = source
    }

    /// The index of a column, or nil when the header lacks it.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The index of a column that must exist.
    /// - Throws: `SeqbenchError.data` naming the file, the column and the header found.
    public func requireColumn(_ name: String) throws -> Int {
        guard let i = column(name) else {
            throw SeqbenchError.data("\(source): the header has no column '\(name)' (found: \(header.joined(separator: ","))); regenerate the results with `seqbench run`")
        }
        return i
    }

    /// Reads and parses a CSV file.
    /// - Throws: `SeqbenchError.data` when the file is missing, not UTF-8, or malformed.
    /// - Complexity: O(n) in the file size.
    public static func read(_ url: URL) throws -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SeqbenchError.data("\(url.path): cannot read the file (\(error.localizedDescription)); check that the results folder is complete")
        }
        return try parse(data, source: url.path)
    }

    /// Parses CSV text whose first record is the header.
    /// - Throws: `SeqbenchError.data` naming `source` and the line: an unterminated quote, a stray
    ///   quote inside an unquoted field, a record whose field count differs from the header's, bytes
    ///   that are not UTF-8, or an empty input.
    /// - Complexity: O(n) in the number of bytes.
    public static func parse(_ data: Data, source: String) throws -> CSVTable {
        let bytes = [UInt8](data)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [[String]] = []
        var recordLines: [Int] = []
        var record: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordStartLine = 1
        var hasContent = false   // the current record has at least one field or character
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }   // a UTF-8 byte-order mark

        func finishField() throws {
            guard let s = String(validating: field, as: UTF8.self) else {
                throw SeqbenchError.data("\(source):\(line): a field is not valid UTF-8; rewrite the file as UTF-8")
            }
            record.append(s)
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == quote && field.isEmpty {
                // A quoted field: read to the closing quote, "" standing for one quote.
                let openLine = line
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        closed = true; i += 1; break
                    }
                    if c == lf { line += 1 }
                    field.append(c); i += 1
                }
                guard closed else {
                    throw SeqbenchError.data("\(source):\(openLine): a quoted field is never closed; check the quoting (RFC 4180: \"\" inside quotes)")
                }
                hasContent = true
                if i < bytes.count, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    throw SeqbenchError.data("\(source):\(line): unexpected text after a closing quote; quote the whole field and double inner quotes")
                }
                continue
            }
            if b == quote {
                throw SeqbenchError.data("\(source):\(line): a quote inside an unquoted field; quote the whole field and double inner quotes")
            }
            if b == comma {
                try finishField(); hasContent = true; i += 1; continue
            }
            if b == cr || b == lf {
                if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                i += 1
                if hasContent || !field.isEmpty {
                    try finishField()
                    records.append(record); recordLines.append(recordStartLine)
                }
                record.removeAll(); hasContent = false
                line += 1
                recordStartLine = line
                continue
            }
            field.append(b); i += 1
        }
        if hasContent || !field.isEmpty {
            try finishField()
            records.append(record); recordLines.append(recordStartLine)
        }
        guard let header = records.first else {
            throw SeqbenchError.data("\(source): the file is empty; expected a CSV header line")
        }
        for (k, r) in records.enumerated().dropFirst() where r.count != header.count {
            throw SeqbenchError.data("\(source):\(recordLines[k]): \(r.count) fields, the header has \(header.count); quote fields that contain commas")
        }
        return CSVTable(header: header, rows: Array(records.dropFirst()), lineNumbers: Array(recordLines.dropFirst()), source: source)
    }

    /// One field as CSV, quoted when it holds a comma, a quote or a line break (RFC 4180).
    public static func escape(_ field: String) -> String {
        if field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// The table as CSV text (LF line ends); `parse` of it gives the table back.
    public func csvText() -> String {
        var out = header.map(Self.escape).joined(separator: ",") + "\n"
        for r in rows { out += r.map(Self.escape).joined(separator: ",") + "\n" }
        return out
    }
}
