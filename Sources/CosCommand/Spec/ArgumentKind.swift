/// What a positional argument is; it decides how the argument completes.
public enum ArgumentKind: String, Sendable, Equatable, CaseIterable {
    /// An organization name, number or `id:ID` (`open`): completes organization names, ranked.
    case organization
    /// A navigation path (`cd`, `ls`): completes path segments at any depth.
    case path
    /// A collection name (`categories`, `types`, ...): completes the argument's `values`.
    case collection
    /// Free text (`find`): completes the argument's `values`, if any.
    case text
    /// A file (`source`, `save`): completes file paths.
    case file
    /// A setting name (`set`): completes setting names.
    case setting
    /// The value of the setting named by the argument before it (`set format csv`).
    case settingValue
    /// A period (`2026-01..2026-06`, `last 6`): completes the argument's `values`, if any.
    case period
    /// A date (`as-of 2026-03-31`): completes the argument's `values`, if any.
    case date
    /// A command name (`help COMMAND`): completes command names.
    case command
}
