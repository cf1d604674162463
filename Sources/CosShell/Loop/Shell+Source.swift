import CosCommand
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

extension Shell {
    /// After a re-import swapped other data in (a PostgreSQL source kept fresh from cron), the store keys
    /// the shell holds may name other rows, or none: the places of the context stack and the recently
    /// opened organizations are looked up again by their export ids (`Place.idPath`), and a place that
    /// no longer exists gives way to the nearest one above it that does. The user is told once.
    func followReimport() throws {
        guard let version = try source.dataVersion() else { return }
        defer { dataVersionSeen = version }
        guard let seen = dataVersionSeen, seen != version else { return }
        var places: [Place] = []
        var lost: [String] = []
        for place in stack.places {
            var candidate = place
            while true {
                if candidate == .root { break }
                if let found = try? resolver.walk(candidate.idPath, from: .root, previous: nil) {
                    candidate = found
                    break
                }
                candidate = candidate.parent
            }
            if candidate != place, candidate.idPath != place.idPath { lost.append(place.path) }
            if places.last != candidate { places.append(candidate) }
        }
        stack = ContextStack()
        for place in places { stack.push(place) }
        recentOrganizations = recentOrganizations.compactMap { organization in
            guard let found = try? resolver.walk(Place.organization(organization).idPath, from: .root, previous: nil).entity,
                found.kind == .organization
            else { return nil }
            return found
        }
        let loaded = (try? source.metadata()["created"]).flatMap { $0 }.map { " (loaded \($0))" } ?? ""
        var message = "the data was re-imported\(loaded): this command reads the new data"
        if !lost.isEmpty { message += "; no longer in it: " + lost.joined(separator: ", ") }
        output.message(message)
    }
}
