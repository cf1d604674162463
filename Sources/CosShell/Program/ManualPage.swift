import CosCommand
import CosGenerate

/// The manual page `cos.1` (`cos --man-page`), made from the same tables as `cos --help` and the
/// shell's `help`: `ProgramFlags` for the program's options, `SettingsTable` for the settings, and
/// `CommandTable` for the commands (their usage, description, flags and examples). `scripts/install`
/// writes it from the installed binary, so it never says anything else than `help` does.
enum ManualPage {
    static func roff() -> String {
        var page: [String] = []
        page.append(#".\" The manual page of cos, made by cos --man-page from its command and settings tables."#)
        page.append(".TH COS 1 \"\" \"cos \(CosProgram.version)\" \"User Commands\"")
        page.append(".SH NAME")
        page.append("cos \\- the Customer Overview shell: explore one customer's usage and billing from a terminal")

        page.append(".SH SYNOPSIS")
        for (command, arguments) in [
            ("cos", "[\\fIDATA\\fR] [\\fIoptions\\fR]"),
            ("cos import", "\\fIDIR\\fR \\fB\\-o\\fR \\fIFILE\\fR"),
            ("cos import", "\\fIDIR\\fR|\\fB\\-\\-from\\-schema\\fR \\fISCHEMA\\fR \\fB\\-\\-to\\fR \\fIURL\\fR"),
            ("cos generate", "\\fB\\-o\\fR \\fIDIR\\fR [\\fIoptions\\fR]"),
        ] {
            page.append(".B \(command)")
            page.append(arguments)
            page.append(".br")
        }

        page.append(".SH DESCRIPTION")
        page += paragraph("""
            cos shows what a billing platform's Customer Overview shows, as tables and text charts: the cards \
            Total Invoicing, Draft Invoices and Sold Products, the invoicing and usage trends, object amount \
            against charges, summaries by product category, object type and object profile, drill-downs to \
            single objects and their charge tickets, and a contract's uninvoiced and invoiced tickets. It reads \
            billing data and never changes it.
            """)
        page += paragraph("""
            DATA is a CSV directory in the data contract's format, a store file made by cos import, or a \
            PostgreSQL database (postgresql://... or key=value pairs). Without DATA, cos opens $COS_DATA, else \
            the sample data installed with it. With \\-c or \\-f, or with standard input not a terminal, cos runs \
            the commands and exits; otherwise it opens an interactive shell with history, Ctrl\\-R search and \
            tab completion.
            """)

        page.append(".SH OPTIONS")
        for flag in ProgramFlags.table {
            page += item(flag.names.map(bold).joined(separator: ", ") + (flag.value.map { " " + italic($0) } ?? ""), flag.summary)
        }
        page += paragraph("Every setting (see SETTINGS) is also an option, checked as set checks it:")
        for entry in SettingsTable.all {
            page += item(entry.flags.map(bold).joined(separator: ", ") + " " + italic(entry.placeholder), entry.summary)
        }

        page.append(".SS cos import")
        for flag in ProgramFlags.importTable {
            page += item(flag.names.map(bold).joined(separator: ", ") + (flag.value.map { " " + italic($0) } ?? ""), flag.summary)
        }
        page.append(".SS cos generate")
        page += verbatim(GenerateOptions.helpText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))

        page.append(".SH COMMANDS")
        page += paragraph("""
            One command per line, or several separated by ;. # starts a comment. Words are split on spaces; \
            "..." and '...' quote, \\e escapes. Flags are \\-\\-name, \\-\\-name=value or \\-\\-name value. \
            COMMAND > FILE writes the command's output to FILE (COMMAND >> FILE adds it at the end); $NAME and \
            ${NAME} are script variables.
            """)
        for command in CommandTable.commands {
            let spec = command.spec
            page.append(".SS \(quoted(escape(spec.usage)))")
            if !spec.aliases.isEmpty { page += paragraph("Also: " + spec.aliases.joined(separator: ", ") + ".") }
            page += text(spec.description.isEmpty ? spec.summary : spec.description)
            for flag in spec.flags where !flag.summary.isEmpty {
                page += item(bold("--" + flag.name) + (flag.valueName.map { " " + italic($0) } ?? ""), flag.summary)
            }
            if !spec.examples.isEmpty {
                page.append(".PP")
                page.append("Examples:")
                page += verbatim(spec.examples.map { "  " + $0 })
            }
        }

        page.append(".SH SETTINGS")
        page += paragraph("set lists them, set NAME VALUE changes one, \\-\\-NAME VALUE presets one on the command line.")
        for entry in SettingsTable.all {
            let aliases = entry.aliases.isEmpty ? "" : " (also " + entry.aliases.joined(separator: ", ") + ")"
            page += item(bold(entry.name) + aliases, "\(entry.takes); default \(entry.defaultText). \(entry.summary).")
        }

        page.append(".SH ENVIRONMENT")
        for (name, meaning) in [
            ("COS_DATA", "the DATA to open when none is given"),
            ("COS_HISTORY", "the history file instead of ~/.cos_history"),
            ("COSRC", "the start-up script instead of ~/.cosrc"),
            ("COS_SAMPLE_DATA", "where the sample data is, when not beside the program"),
            ("XDG_CACHE_HOME", "where imported CSV directories are cached (cos/ in it; else ~/.cache/cos)"),
            ("PAGER", "the pager for long output on a terminal (default less \\-FRSX)"),
            ("NO_COLOR", "no colour, unless \\-\\-color always"),
            ("COLUMNS", "the output width when it is not a terminal's"),
        ] {
            page += item(bold(name), meaning)
        }
        page.append(".SH FILES")
        page += item(italic("~/.cos_history"), "the interactive history, mode 0600, written after every command")
        page += item(italic("~/.cosrc"), "commands run when an interactive session starts (not in scripts)")
        page.append(".SH \"EXIT STATUS\"")
        page += item(bold("0"), "success")
        page += item(bold("1"), "a command failed (a script stops at the first failing command, unless \\-\\-keep\\-going)")
        page += item(bold("2"), "bad usage or unreadable data")
        page.append(".SH \"SEE ALSO\"")
        page.append(".BR psql (1),")
        page.append(".BR sqlite3 (1)")
        return page.joined(separator: "\n") + "\n"
    }

    // MARK: - roff

    /// Text escaped for roff: backslashes written `\e`, a leading `.` or `'` made text.
    static func escape(_ text: String) -> String {
        var escaped = text.replacingAll("\\", with: "\\e")
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
        return escaped
    }

    /// An option name in bold, its hyphens minus signs (`\-\-format`).
    static func bold(_ name: String) -> String { "\\fB" + escape(name).replacingAll("-", with: "\\-") + "\\fR" }

    static func italic(_ text: String) -> String { "\\fI" + escape(text).replacingAll("-", with: "\\-") + "\\fR" }

    static func quoted(_ text: String) -> String { "\"" + text.replacingAll("\"", with: "\\(dq") + "\"" }

    /// A filled paragraph (the text is roff already).
    static func paragraph(_ roff: String) -> [String] { [".PP", roff] }

    /// A tagged paragraph: an option or name, then what it means.
    static func item(_ tag: String, _ meaning: String) -> [String] { [".TP", tag, escape(meaning)] }

    /// Lines kept as they are (examples, the tables of a description).
    static func verbatim(_ lines: [String]) -> [String] { [".nf"] + lines.map(escape) + [".fi"] }

    /// A command's help text: its lines joined into paragraphs, indented lines (a table) kept as they are.
    static func text(_ help: String) -> [String] {
        var result: [String] = []
        var words: [String] = []
        var kept: [String] = []
        func flush() {
            if !words.isEmpty { result += paragraph(escape(words.joined(separator: " "))) }
            words = []
            if !kept.isEmpty { result += verbatim(kept) }
            kept = []
        }
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  ") {
                if !words.isEmpty { flush() }
                kept.append(line)
            } else if line.trimmingSpaces.isEmpty {
                flush()
            } else {
                if !kept.isEmpty { flush() }
                words.append(line.trimmingSpaces)
            }
        }
        flush()
        return result
    }
}
