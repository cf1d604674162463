import CEditLine

/// Ctrl-C for the whole program, kept by a C signal handler (signal state must live in C).
///
/// `install()` once at start. At the prompt, `EditLineReader` turns Ctrl-C into `.interrupted`.
/// While a command runs, Ctrl-C only sets the flag: a watcher thread blocked in `wait` wakes and
/// interrupts the database; the loop clears the flag before the next command.
public enum InterruptFlag {
    /// Installs the SIGINT handler (and SIGWINCH and SIGCONT, used by the line editor). Blocking
    /// reads and writes outside the prompt restart after a signal. Returns false when it failed.
    @discardableResult
    public static func install() -> Bool { cos_signals_install(1) == 0 }

    /// Whether Ctrl-C came since the last `clear()`.
    public static var isSet: Bool { cos_sigint_is_set() != 0 }

    /// Forgets a Ctrl-C.
    public static func clear() { cos_sigint_clear() }

    /// Blocks the calling thread until Ctrl-C, or `milliseconds` pass (nil: no time limit).
    /// Returns true for Ctrl-C. Meant for one watcher thread.
    public static func wait(milliseconds: Int? = nil) -> Bool {
        cos_interrupt_wait(Int32(clamping: milliseconds ?? -1)) == 1
    }
}
