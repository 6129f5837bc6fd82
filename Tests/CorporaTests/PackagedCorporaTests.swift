import Foundation
import Testing
@testable import Corpora
@testable import SeqbenchCore

/// The Debian packages bible-kjv, jargon-text and fortunes are installed by scripts/bootstrap.
/// Each corpus's SHA-256 is compared with one computed another way: by the shell and sha256sum.
@Suite struct PackagedCorporaTests {
    func shell(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(out.prefix(64))
    }

    @Test func kjvIsTheBibleProgramsOutput() throws {
        let a = try CorpusCatalog.load(.packaged("kjv"))
        let b = try CorpusCatalog.load(.packaged("kjv"))
        #expect(a.sha256 == b.sha256)
        #expect(a.sha256 == (try shell("cd / && bible -f -p /usr/lib Gen1:1-Rev22:21 </dev/null | sha256sum")))
        #expect(String(a.text.prefix(62)) == "Ge1:1 In the beginning God created the heaven and the earth.\nG")
        #expect(String(a.text.suffix(67)) == "Rev22:21 The grace of our Lord Jesus Christ be with you all. Amen.\n")
        #expect(a.statistics.lines == 31_102)  // verses in the KJV
    }

    @Test func jargonIsTheGunzippedText() throws {
        let a = try CorpusCatalog.load(.packaged("jargon"))
        #expect(a.sha256 == (try CorpusCatalog.load(.packaged("jargon")).sha256))
        #expect(a.sha256 == (try shell("gzip -dc /usr/share/doc/jargon-text/jargon.txt.gz | sha256sum")))
    }

    @Test func fortunesAreTheDataFilesInNameOrder() throws {
        let a = try CorpusCatalog.load(.packaged("fortunes"))
        #expect(a.sha256 == (try CorpusCatalog.load(.packaged("fortunes")).sha256))
        // Regular files not ending in .dat, byte-order sorted (the .u8 names are symlinks).
        let viaShell = try shell("cd /usr/share/games/fortunes && for f in $(ls | LC_ALL=C sort); do [ -f \"$f\" ] && [ ! -L \"$f\" ] && [ \"${f%.dat}\" = \"$f\" ] && cat \"$f\"; done | sha256sum")
        #expect(a.sha256 == viaShell)
        #expect(a.text.contains("\n%\n"))
    }
}

@Suite struct PackagedCorporaMessagesTests {
    @Test func missingPackageSaysWhatToInstall() {
        #expect(PackagedCorpora.missing("kjv", "/usr/bin/bible or /usr/lib/bible.data")
                == SeqbenchError.data("kjv: /usr/bin/bible or /usr/lib/bible.data is missing; install the Debian package with 'apt-get install bible-kjv' (or run scripts/bootstrap)"))
        #expect(PackagedCorpora.package(of: "jargon") == "jargon-text")
        #expect(PackagedCorpora.package(of: "fortunes") == "fortunes")
        #expect(throws: SeqbenchError.usage("unknown packaged corpus 'kvj' (did you mean 'kjv'?); use one of fortunes, jargon, kjv")) {
            _ = try PackagedCorpora.load("kvj")
        }
    }
}
