import CosGenerate

#if canImport(Glibc)
import Glibc
#endif

/// The program's entry point (placeholder until the shell lands).
public enum CosProgram {
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "generate" {
            exit(GenerateCommand.run(arguments: Array(arguments.dropFirst())))
        }
        exit(0)
    }
}
