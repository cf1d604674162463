/// The bash and zsh completion scripts of the program's flags and subcommands (`cos --completion
/// bash`), made from `ProgramFlags` and `SettingsTable` so that they offer exactly what
/// `ProgramOptions.parse` accepts. `scripts/install` writes them from the installed binary.
enum CompletionScripts {
    static let shells = ["bash", "zsh"]

    static let subcommands = ["import", "generate"]

    static func script(for shell: String) -> String {
        shell == "zsh" ? zsh() : bash()
    }

    /// A flag with the values completion offers for it, and whether they are files.
    struct Option {
        var names: [String]
        var value: String?
        var values: [String]
        var file: Bool
        var repeatable: Bool
        var summary: String
    }

    /// The shell's options: the program's own, then one per setting (a value of several words,
    /// `last 12`, is left to the user).
    static var options: [Option] {
        ProgramFlags.table.map {
            Option(names: $0.names, value: $0.value, values: $0.values, file: $0.takesFile, repeatable: $0.repeatable, summary: $0.summary)
        } + SettingsTable.all.map {
            Option(
                names: $0.flags, value: $0.placeholder, values: $0.values.filter { !$0.contains(" ") }, file: false,
                repeatable: false, summary: $0.summary)
        }
    }

    static var importOptions: [Option] {
        ProgramFlags.importTable.map {
            Option(names: $0.names, value: $0.value, values: $0.values, file: $0.takesFile, repeatable: false, summary: $0.summary)
        }
    }

    // MARK: - bash

    static func bash() -> String {
        func cases(_ options: [Option]) -> String {
            options.filter { $0.value != nil }.map { option in
                let pattern = option.names.joined(separator: "|")
                let reply: String
                if option.file {
                    reply = "COMPREPLY=($(compgen -f -- \"$cur\"))"
                } else if !option.values.isEmpty {
                    reply = "COMPREPLY=($(compgen -W \(shellQuoted(option.values.joined(separator: " "))) -- \"$cur\"))"
                } else {
                    reply = "COMPREPLY=()"
                }
                return "        \(pattern)) \(reply); return ;;"
            }.joined(separator: "\n")
        }
        let flags = options.flatMap(\.names).joined(separator: " ")
        let importFlags = importOptions.flatMap(\.names).joined(separator: " ")
        return """
            # bash completion of cos, made by cos --completion bash from its option tables.
            _cos() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                if [[ ${COMP_WORDS[1]} == import ]]; then
                    case $prev in
            \(cases(importOptions))
                    esac
                    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \(shellQuoted(importFlags)) -- "$cur")); return; fi
                    COMPREPLY=($(compgen -d -- "$cur"))
                    return
                fi
                if [[ ${COMP_WORDS[1]} == generate ]]; then
                    [[ $prev == -o || $prev == --output ]] && COMPREPLY=($(compgen -d -- "$cur"))
                    return
                fi
                case $prev in
            \(cases(options))
                esac
                if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \(shellQuoted(flags)) -- "$cur")); return; fi
                COMPREPLY=($(compgen -f -- "$cur"))
                if [[ $COMP_CWORD -eq 1 ]]; then COMPREPLY+=($(compgen -W \(shellQuoted(subcommands.joined(separator: " "))) -- "$cur")); fi
            }
            complete -o filenames -F _cos cos

            """
    }

    // MARK: - zsh

    static func zsh() -> String {
        func spec(_ option: Option) -> String {
            let description = "[" + zshEscaped(option.summary) + "]"
            var action = ""
            if let value = option.value {
                let label = zshEscaped(value.lowercased())
                if option.file {
                    action = ":\(label):_files"
                } else if !option.values.isEmpty {
                    action = ":\(label):(\(option.values.map(zshEscaped).joined(separator: " ")))"
                } else {
                    action = ":\(label): "
                }
            }
            let exclusive = option.repeatable ? "*" : (option.names.count > 1 ? "(" + option.names.joined(separator: " ") + ")" : "")
            let names = option.names.count > 1 ? "{" + option.names.joined(separator: ",") + "}" : option.names[0]
            let value = option.value != nil && option.names.allSatisfy({ $0.hasPrefix("--") }) ? "=" : ""
            return (exclusive.isEmpty ? "" : "'\(exclusive)'") + "\(names)'\(value)\(description)\(action)'"
        }
        let main = options.map { "        " + spec($0) + " \\" }.joined(separator: "\n")
        let imports = importOptions.map { "            " + spec($0) + " \\" }.joined(separator: "\n")
        return """
            #compdef cos
            # zsh completion of cos, made by cos --completion zsh from its option tables.
            _cos() {
                if [[ $words[2] == import ]]; then
                    shift words; (( CURRENT-- ))
                    _arguments -s \\
            \(imports)
                        '1:directory:_files -/'
                    return
                fi
                if [[ $words[2] == generate ]]; then
                    _arguments '*:file:_files'
                    return
                fi
                _arguments -s \\
            \(main)
                    '1:data or subcommand:->data'
                [[ $state == data ]] && { _alternative 'subcommands:subcommand:(\(subcommands.joined(separator: " ")))' 'files:data:_files' }
            }
            _cos "$@"

            """
    }

    /// `'text'` for the shell, with `'` written `'\''`.
    static func shellQuoted(_ text: String) -> String { "'" + text.replacingAll("'", with: "'\\''") + "'" }

    /// Text inside a zsh `_arguments` spec, itself in single quotes: `[`, `]`, `:` and `\` escaped.
    static func zshEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "'": result += "'\\''"
            case "[", "]", ":", "\\", "(", ")": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}
