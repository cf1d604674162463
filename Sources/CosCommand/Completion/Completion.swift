/// One completion candidate.
public struct CompletionCandidate: Equatable, Sendable {
    /// The text that replaces the completed range when this is the only candidate: quoted where
    /// needed, followed by a space (or `/` for a path or a directory that goes on).
    public var insertion: String
    /// How it is listed (the bare name, `/` after a container).
    public var display: String

    public init(insertion: String, display: String) {
        self.insertion = insertion
        self.display = display
    }
}

/// The answer to a completion request: replace the characters `replaceStart..<replaceEnd` of the
/// line (0-based offsets in characters) with a candidate's insertion when there is one candidate;
/// with several, replace them with `commonInsertion` when it is longer than what is there, else
/// list the candidates.
public struct Completion: Equatable, Sendable {
    public var replaceStart: Int
    public var replaceEnd: Int
    /// At most the limit asked for, in the order to list them.
    public var candidates: [CompletionCandidate]
    /// What all candidates begin with, written as the start of a word (an opening quote when the
    /// candidates need quotes); the current text when they share nothing more.
    public var commonInsertion: String
    /// How many more candidates there are beyond `candidates`.
    public var moreCount: Int

    public init(replaceStart: Int, replaceEnd: Int, candidates: [CompletionCandidate], commonInsertion: String, moreCount: Int = 0) {
        self.replaceStart = replaceStart
        self.replaceEnd = replaceEnd
        self.candidates = candidates
        self.commonInsertion = commonInsertion
        self.moreCount = moreCount
    }

    /// No candidates at `cursor`.
    public static func none(at cursor: Int) -> Completion {
        Completion(replaceStart: cursor, replaceEnd: cursor, candidates: [], commonInsertion: "")
    }
}
