import CosPostgres
import CosStore

extension Shell {
    /// The source as cos shows it (banner, `set`, `save`), with any password masked; nil for a store file
    /// or CSV directory, whose path the banner does not repeat.
    var sourceDescription: String? {
        (source as? PostgresSource)?.displayName
    }

    /// Applies the `timeout` setting to the source: PostgreSQL's `statement_timeout`. A store file's
    /// queries are not limited (they are local and Ctrl-C cancels them).
    func applyTimeout() throws {
        guard let postgres = source as? PostgresSource else { return }
        do { try postgres.setTimeout(milliseconds: settings.timeoutMilliseconds) } catch {
            throw ShellError("set timeout: \(error)")
        }
    }
}
