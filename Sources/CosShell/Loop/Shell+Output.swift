import CosRender
import CosView

extension Shell {
    /// The terminal facts of standard output (width, height, UTF-8), or a fixed 80-column,
    /// no-terminal answer when output is captured. Output going to a file (`> FILE`) is not on a
    /// terminal, and as wide as the terminal's would be.
    var terminal: TerminalInfo {
        var info: TerminalInfo
        if output.resultsAreTerminal {
            info = TerminalInfo.detect(descriptor: 1, environment: environment)
        } else {
            info = TerminalInfo(
                isTerminal: false, width: TerminalInfo.width(windowColumns: nil, environment: environment), height: nil,
                unicode: TerminalInfo.isUTF8(environment: environment))
        }
        if redirect != nil {
            info = TerminalInfo(isTerminal: false, width: info.width, height: nil, unicode: info.unicode)
        }
        return info
    }

    /// Whether the current command keeps every row: output in a machine format (JSON, CSV and
    /// Markdown never drop rows unless the command asks for a page), or `show --full`.
    var wantsEveryRow: Bool { everyRow || renderOptions(command: "").format != .table }

    /// How many tickets a view embeds for the current command: a page on a terminal, all of them
    /// when `wantsEveryRow`.
    var embeddedTicketLimit: Int? { wantsEveryRow ? nil : 20 }

    /// Render options from the settings and the terminal, for the command `command`.
    func renderOptions(command: String, rowLimit: Int? = nil) -> RenderOptions {
        let terminal = self.terminal
        // A file gets the format its name asks for (`> out.csv`), and never colour.
        let color = redirect == nil
            && TerminalInfo.useColor(policy: settings.color, isTerminal: terminal.isTerminal, environment: environment)
        return RenderOptions(
            format: redirect?.format ?? settings.format, width: settings.width ?? terminal.width,
            height: terminal.isTerminal ? terminal.height : nil,
            unicode: terminal.unicode && !settings.ascii, color: color,
            rowLimit: rowLimit, tableName: csvTable, command: command, data: data.label, full: everyRow)
    }

    /// Shows a view: rendered in the current format, through the pager when it is taller than the
    /// terminal (interactive only).
    func show(_ view: View, command: String, rowLimit: Int? = nil) throws {
        keep(.view(view, command: command, rowLimit: rowLimit))
        let options = renderOptions(command: command, rowLimit: rowLimit)
        let text: String
        do {
            text = try Renderer.render(view, options: options)
        } catch {
            throw ShellError(error.description)
        }
        emit(text)
    }

    /// A one-line answer (`period: 2026-01..2026-06`); JSON keeps one object per line.
    func say(_ message: String, command: String) {
        keep(.message(message, command: command))
        emit(Renderer.renderMessage(message, options: renderOptions(command: command)))
    }

    /// A list of names in columns (`ls`, `help`).
    func showList(_ items: [String], title: String?, command: String) {
        keep(.list(items, title: title, command: command))
        emit(Renderer.renderList(items, title: title, options: renderOptions(command: command)))
    }

    /// Writes rendered text: into the command's file (`> FILE`), else through `$PAGER` when
    /// interactive, paging is on and it does not fit.
    func emit(_ text: String) {
        // The answer is computed: the source's read (a PostgreSQL transaction) ends before any paging.
        source.endReading()
        if let redirect {
            redirect.add(text)
            return
        }
        if interactive, output is StandardOutput,
            Pager.shouldPage(text, terminal: terminal, enabled: settings.pager)
        {
            if Pager.page(text, command: Pager.command(environment: environment)) { return }
        }
        output.result(text)
    }

    /// Remembers a piece of the running command's output, for `last` and `copy`.
    func keep(_ piece: OutputPiece) {
        if !replaying { currentOutput.append(piece) }
    }

    /// Renders the last command's output again, with nothing cut for the screen (`show --full`'s
    /// rendering), in `format` (nil: the current one).
    func renderLastOutput(format: OutputFormat?) throws -> [String] {
        let wasFull = everyRow
        everyRow = true
        defer { everyRow = wasFull }
        return try lastOutput.map { piece in
            func options(_ command: String, rowLimit: Int? = nil) -> RenderOptions {
                var options = renderOptions(command: command, rowLimit: rowLimit)
                if let format {
                    options.format = format
                    options.color = false
                }
                return options
            }
            switch piece {
            case .view(let view, let command, _):
                do { return try Renderer.render(view, options: options(command)) } catch { throw ShellError("\(error)") }
            case .message(let message, let command):
                return Renderer.renderMessage(message, options: options(command))
            case .list(let items, let title, let command):
                return Renderer.renderList(items, title: title, options: options(command))
            }
        }
    }

    /// An error as shown at the prompt (`error: ...`, red when colour is on).
    func errorText(_ message: String) -> String {
        var options = renderOptions(command: "")
        if options.format == .json { options.format = .table }
        let terminal = TerminalInfo.detect(descriptor: 2, environment: environment)
        options.color = TerminalInfo.useColor(policy: settings.color, isTerminal: terminal.isTerminal && output is StandardOutput, environment: environment)
        return Renderer.renderError(message, options: options)
    }
}
