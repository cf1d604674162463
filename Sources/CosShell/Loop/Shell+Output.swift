import CosRender
import CosView

extension Shell {
    /// The terminal facts of standard output (width, height, UTF-8), or a fixed 80-column,
    /// no-terminal answer when output is captured.
    var terminal: TerminalInfo {
        if output.resultsAreTerminal {
            return TerminalInfo.detect(descriptor: 1, environment: environment)
        }
        return TerminalInfo(
            isTerminal: false, width: TerminalInfo.width(windowColumns: nil, environment: environment), height: nil,
            unicode: TerminalInfo.isUTF8(environment: environment))
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
        return RenderOptions(
            format: settings.format, width: settings.width ?? terminal.width,
            height: terminal.isTerminal ? terminal.height : nil,
            unicode: terminal.unicode && !settings.ascii,
            color: TerminalInfo.useColor(policy: settings.color, isTerminal: terminal.isTerminal, environment: environment),
            rowLimit: rowLimit, tableName: csvTable, command: command, data: data.label, full: everyRow)
    }

    /// Shows a view: rendered in the current format, through the pager when it is taller than the
    /// terminal (interactive only).
    func show(_ view: View, command: String, rowLimit: Int? = nil) throws {
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
        emit(Renderer.renderMessage(message, options: renderOptions(command: command)))
    }

    /// A list of names in columns (`ls`, `help`).
    func showList(_ items: [String], title: String?, command: String) {
        emit(Renderer.renderList(items, title: title, options: renderOptions(command: command)))
    }

    /// Writes rendered text: through `$PAGER` when interactive, paging is on and it does not fit.
    func emit(_ text: String) {
        // The answer is computed: the source's read (a PostgreSQL transaction) ends before any paging.
        source.endReading()
        if interactive, output is StandardOutput,
            Pager.shouldPage(text, terminal: terminal, enabled: settings.pager)
        {
            if Pager.page(text, command: Pager.command(environment: environment)) { return }
        }
        output.result(text)
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
