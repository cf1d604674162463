/// `cos generate`: writes a deterministic sample billing export (placeholder until the generator lands).
public enum GenerateCommand {
    /// Runs with the arguments after `generate`; returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        print("cos generate: not built yet")
        return 2
    }
}
