#if canImport(Glibc)
import Glibc
#endif

/// The program's entry point (placeholder until the shell lands).
public enum CosProgram {
    public static func main() {
        exit(0)
    }
}
