/// One figure as gnuplot commands, before it is wrapped into a runnable script.
///
/// The body is drawn once per requested format by `GnuplotScript`; it may use the datablocks by name
/// (`$name`) and the family linetypes of `FamilyStyle` (defined before the body runs).
public struct Figure: Sendable, Equatable {
    /// The file stem: `NAME.gp`, `NAME.png`, ….
    public var name: String
    /// One line saying what the figure shows (the report prints it under the picture).
    public var caption: String
    /// The result files the data came from, for the script's header comment.
    public var sources: [String]
    /// Size in pixels for PNG and SVG; PDF uses the same size at 120 pixels per inch.
    public var width: Int
    public var height: Int
    public var datablocks: [Datablock]
    /// Commands that draw the figure (after `reset`, inside the per-format loop).
    public var body: [String]

    public init(name: String, caption: String, sources: [String], width: Int = 960, height: Int = 600,
                datablocks: [Datablock], body: [String]) {
        self.name = name; self.caption = caption; self.sources = sources
        self.width = width; self.height = height;
        self.datablocks = datablocks; self.body = body
    }
}

/// Inline data of a script (`$name << EOD … EOD`, gnuplot ≥ 5.0): numbers only, so no label can
/// break the data format. Blocks of rows are separated by one blank line (a break in a line plot);
/// labels travel in the commands as quoted strings.
public struct Datablock: Sendable, Equatable {
    /// Without the `$`.
    public var name: String
    /// Column names, written as a comment line.
    public var columns: [String]
    /// Groups of rows; gnuplot sees a blank line between groups.
    public var groups: [[[Double]]]

    public init(name: String, columns: [String], groups: [[[Double]]]) {
        self.name = name; self.columns = columns; self.groups = groups
    }

    public init(name: String, columns: [String], rows: [[Double]]) {
        self.init(name: name, columns: columns, groups: [rows])
    }

    /// The datablock as script text.
    public var text: String {
        var out = "$\(name) << EOD\n# " + columns.joined(separator: " ") + "\n"
        for (k, g) in groups.enumerated() {
            if k > 0 { out += "\n" }
            for r in g { out += r.map(GnuplotText.number).joined(separator: " ") + "\n" }
        }
        return out + "EOD\n"
    }
}
