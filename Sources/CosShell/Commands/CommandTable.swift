import CosCommand

/// The one table of commands. Parsing, `help`, completion and "did you mean" all read it
/// (as in SQLite's and DuckDB's shells); each entry names its handler.
enum CommandTable {
    static let commands: [Command] = [
        Command(
            CommandSpec(
                "open", arguments: [ArgumentSpec("ORG", .organization, variadic: true)],
                summary: "enter an organization by name, number or id:ID",
                description: """
                    Enters an organization and shows its overview. ORG is a name, a customer number or id:ID.
                    A unique prefix or substring of the name is enough; case and accents do not matter.
                    When several organizations match, they are listed and nothing changes.
                    """,
                examples: ["open \"Acme AB\"", "open akesson", "open id:ORG-0042"]),
            run: Navigation.open),
        Command(
            CommandSpec(
                "find", arguments: [ArgumentSpec("TEXT", .text, variadic: true)],
                flags: [FlagSpec("limit", value: "N", summary: "show at most N matches (default 20)")],
                summary: "search organizations, best matches first",
                description: """
                    Lists organizations matching TEXT: an exact number or id first, then names that start
                    with TEXT, then names with a word that starts with it, then names that contain it.
                    """,
                examples: ["find akesson", "find 10042"]),
            run: Navigation.find),
        Command(
            CommandSpec(
                "cd", arguments: [ArgumentSpec("PATH", .path, optional: true)],
                summary: "move to another context",
                description: """
                    Moves through the overview like a file system and shows where it arrives. An
                    organization holds the collections categories, products, types, profiles, objects,
                    contracts, invoices and organizations (its children); each is a place of its own.
                    A category holds its products, a product the objects it charged, a type its profiles
                    (and products, objects), a profile its objects, a contract its invoices; the groups
                    "(no object)" and "(no profile)" are entered like the others. `..` goes up one step,
                    `/` is the start, `-` is the previous context (`-` alone goes back, `-/..` goes on from
                    it). A path starting with / is absolute (/ORG/...). Any segment may be id:ID, which
                    never depends on names. Names match case- and accent-insensitively, by exact name,
                    unique prefix or unique substring. Without PATH, cd goes to the current organization.
                    """,
                examples: ["cd categories/Cloud", "cd types/\"Virtual server\"/Large", "cd ../../contracts/C-1001",
                    "cd -", "cd /\"Acme AB\"/types/\"(no object)\""]),
            run: Navigation.changeDirectory),
        Command(
            CommandSpec(
                "ls", arguments: [ArgumentSpec("PATH", .path, optional: true)],
                summary: "list what can be entered here, or under a path",
                description: """
                    Without PATH, lists what can be entered from here: an organization's collections, a
                    collection's items, a category's products, a type's profiles, ... Everything listed
                    can be entered with cd. PATH is a path, as for cd: ls lists what is there.
                    """,
                examples: ["ls", "ls contracts", "ls types/\"Virtual server\"", "ls ../.."]),
            run: Navigation.list),
        Command(CommandSpec("pwd", summary: "print where you are"), journaled: false, run: Navigation.printPlace),
        Command(CommandSpec("back", summary: "return to the previous context"), run: Navigation.back),
        Command(
            CommandSpec(
                "show",
                flags: [FlagSpec("full", summary: "every row and every group, full-size charts")],
                summary: "show the current context's view again",
                description: """
                    Shows the current context's view again. On a terminal the organization view fits about one
                    screen: its summaries show their largest groups and count the rest; --full shows every group,
                    every ticket a view holds and full-size charts, as JSON, CSV and Markdown always do.
                    """,
                examples: ["show", "show --full"]),
            run: Views.show),
        Command(
            CommandSpec("cards", summary: "the organization's cards: invoicing, drafts, sold products"),
            run: Views.cards),
        Command(
            CommandSpec("trend", summary: "the trends of the current context"),
            run: Views.trend),
        Command(
            CommandSpec(
                "summary", arguments: [ArgumentSpec("BY", .collection, optional: true, values: ["category", "type", "profile"])],
                summary: "summaries by product category, object type or object profile",
                description: "Shows the summaries of the current context; BY keeps one of category, type, profile.",
                examples: ["summary", "summary type"]),
            run: Views.summary),
        Command(
            CommandSpec(
                "tickets",
                flags: [
                    FlagSpec("uninvoiced", summary: "only tickets not on an invoice"),
                    FlagSpec("invoiced", summary: "only tickets on an invoice"),
                    FlagSpec("all", summary: "tickets of every period, not only the current one"),
                    FlagSpec("limit", value: "N", values: ["none"], summary: "show N tickets (none: all of them)"),
                    FlagSpec("offset", value: "N", summary: "skip the first N tickets"),
                ],
                summary: "charge tickets of the current context",
                description: """
                    Lists the charge tickets of the current context in the period (of all time with --all),
                    by period then id. On a terminal the first screenful is shown with a count of the rest;
                    in a script the limit setting applies (set limit). JSON, CSV and Markdown carry every
                    ticket unless --limit or --offset asks for a page, and then say which page it is.
                    """,
                examples: ["tickets --uninvoiced", "tickets --all --limit 100", "tickets --invoiced --offset 50"]),
            run: Views.tickets),
        Command(
            CommandSpec("tree", summary: "the organization tree with rolled-up invoicing"),
            run: Views.tree),
        Command(
            CommandSpec(
                "compare",
                arguments: [ArgumentSpec(
                    "BASE", .period, optional: true, variadic: true,
                    values: ["by", "previous", "year", "category", "type", "profile", "product", "object"])],
                summary: "why it changed: the period against a base period, split into volume, price, new, gone",
                description: """
                    Compares the charge tickets of this context in the period (after) with a base period
                    (before; default: the period of equal length before it) per group and currency. BASE is
                    FROM..TO, YYYY-MM, last N, previous, or year (the same months a year earlier). by GROUP is
                    category, type, profile, product or object; the default is the next level down.
                    The change is split per item (a product on one object) with q and a its summed
                    quantity and amount: volume = (q1 - q0) x a0 / q0 (rounded half to even to 6 decimals),
                    price = the rest of its change; an item with no base quantity changes by price only;
                    new = items only in the period, gone = minus items only in the base. So volume +
                    price + new + gone = change, exactly. Table changes, and change_totals per currency.
                    """,
                examples: ["compare", "compare by product", "compare 2025-01..2025-06 by object", "compare year"],
                usage: "compare [BASE] [by GROUP]"),
            run: Answers.compare),
        Command(
            CommandSpec(
                "audit",
                arguments: [ArgumentSpec("KIND", .collection, optional: true, values: Answers.auditKinds)],
                summary: "what billing left behind or looks wrong, and the rows behind each finding",
                description: """
                    At an organization or a contract: table findings, one row per kind and currency with the
                    count, the amount and the oldest date behind it. audit KIND lists those rows with their
                    ids. All time up to the as-of date, except unbilled_object_month (the months of the
                    period that ended before it). The kinds:
                      left_behind             uninvoiced tickets ending before the latest final invoice
                                              in their currency (amount: their sum)
                      on_void_invoice         tickets on a void invoice, billed nowhere
                      unbilled_object_month   an object active every day of a month, no ticket in it
                      outside_object_life     tickets wholly outside their object's active dates
                      outside_contract        tickets wholly outside their contract's dates
                      invoice_mismatch        final invoices whose tickets' sum is not their total
                                              (amount: tickets' sum minus total)
                      duplicate               tickets equal to an earlier one in contract, object,
                                              product, period and amount (the repeats are counted)
                      stale_draft             drafts dated more than 30 days before the as-of date
                    """,
                examples: ["audit", "audit left_behind", "audit duplicate"]),
            run: Answers.audit),
        Command(
            CommandSpec(
                "trace", arguments: [ArgumentSpec("TICKET", .text, optional: true)],
                summary: "where a charge came from: usage, tickets and invoices month by month",
                description: """
                    At an object: per month of the period and product, the usage events (count and
                    quantity, months in UTC), the charge tickets (count, quantity, amount) and the invoices
                    they are on (number and status), then table invoices. trace TICKET_ID, anywhere in an
                    organization, traces that ticket's object (or its product's tickets without an object)
                    and widens the months to the ticket's. Flags: usage, no ticket (usage in a month with no
                    ticket of the product) and ticket, no usage (a ticket in a month without usage of a
                    product the object has usage events of).
                    """,
                examples: ["trace", "trace 1042"],
                usage: "trace [TICKET_ID]"),
            run: Answers.trace),
        Command(
            CommandSpec(
                "period", arguments: [ArgumentSpec("PERIOD", .period, optional: true, variadic: true, values: ["last", "default"])],
                summary: "show or set the period: FROM..TO, YYYY-MM, last N, default",
                examples: ["period 2026-01..2026-06", "period last 3", "period default"]),
            run: SettingsCommands.period),
        Command(
            CommandSpec(
                "as-of", arguments: [ArgumentSpec("DATE", .date, optional: true)],
                summary: "show or set the as-of date (YYYY-MM-DD)",
                description: "The as-of date fixes the default period (the 12 months ending with its month).",
                examples: ["as-of 2026-06-30"]),
            run: SettingsCommands.asOf),
        Command(
            CommandSpec(
                "set",
                arguments: [ArgumentSpec("KEY", .setting, optional: true),
                    ArgumentSpec("VALUE", .settingValue, optional: true, variadic: true)],
                summary: "list the settings, or change one",
                description: """
                    Without arguments, lists the settings; with KEY alone, shows one. The command line
                    presets each as --KEY VALUE (cos --format csv). The list ends with facts of the data,
                    which cannot be set: data (its name), source (a PostgreSQL source) and fingerprint
                    (the SHA-256 of the export's files; see help expect-data). The settings:
                    """ + "\n" + SettingsTable.helpLines.joined(separator: "\n"),
                examples: ["set format csv", "set limit 200", "set ascii on"]),
            run: SettingsCommands.set),
        Command(
            CommandSpec(
                "let", arguments: [ArgumentSpec("NAME", .text), ArgumentSpec("VALUE", .text, variadic: true)],
                summary: "set a script variable, used as $NAME or ${NAME}",
                examples: ["let org \"Acme AB\"", "open $org"]),
            run: SettingsCommands.letVariable),
        Command(
            CommandSpec(
                "source", arguments: [ArgumentSpec("FILE", .file)],
                summary: "run the commands of a script file",
                description: "Runs FILE's commands; an error names the file and line. Scripts may nest, 16 deep."),
            journaled: false, run: Scripts.source),  // its commands are journaled one by one: save writes them, not the file name
        Command(
            CommandSpec(
                "save", arguments: [ArgumentSpec("FILE", .file)],
                summary: "write this session's commands as a script",
                description: """
                    Writes the commands that succeeded in this session to FILE as a runnable script, with the
                    as-of date and period of the start pinned at the top, so it gives the same answer later.
                    """),
            journaled: false, run: Scripts.save),
        Command(
            CommandSpec(
                "expect-data", arguments: [ArgumentSpec("FINGERPRINT", .text)],
                summary: "warn when the data is not the one a script was saved from",
                description: """
                    Compares FINGERPRINT with the open data's fingerprint (set shows it: the SHA-256 of the
                    export's files, computed by the import). save writes this line into every script. When
                    the data differs, a warning goes to standard error and the script goes on; with
                    cos --strict the command fails and the script stops with exit status 1. The first 8 or
                    more hex digits are enough.
                    """,
                examples: ["expect-data 3f1c9a0b7e2d4c11"]),
            journaled: false, run: DataCheck.expectData),
        Command(
            CommandSpec(
                "last", summary: "the last output again, in full",
                description: """
                    Shows the output of the last command that showed something again, with nothing cut for
                    the screen (every row and group it holds, full-size charts), through the pager. With
                    > FILE it writes it to a file instead: last > answer.md.
                    """,
                examples: ["last", "last > answer.md"]),
            journaled: false, run: OutputCommands.last),
        Command(
            CommandSpec(
                "copy", summary: "put the last output on the clipboard as Markdown",
                description: """
                    Puts the output of the last command that showed something on the clipboard as Markdown,
                    for pasting into a support ticket. It goes through the terminal (OSC 52), so it works
                    over SSH without a clipboard program; the terminal must allow it (in tmux: set -g
                    set-clipboard on). In a script, or with the output not on a terminal, it cannot: write
                    a file with last > FILE.md instead.
                    """,
                examples: ["tickets --uninvoiced; copy"]),
            journaled: false, run: OutputCommands.copy),
        Command(
            CommandSpec(
                "history", flags: [FlagSpec("limit", value: "N", summary: "the last N lines")],
                summary: "the lines typed in this session"),
            journaled: false, run: Scripts.history),
        Command(
            CommandSpec(
                "help", arguments: [ArgumentSpec("COMMAND", .command, optional: true)],
                summary: "list the commands, or explain one"),
            journaled: false, run: Scripts.help),
        Command(
            CommandSpec("quit", aliases: ["exit", "q"], summary: "leave cos"),
            journaled: false, run: Scripts.quit),
    ]

    static let specs: [CommandSpec] = commands.map(\.spec)

    /// The table entry of a command name (not an alias: the parser resolves those).
    static func command(named name: String) -> Command? {
        commands.first { $0.spec.name == name }
    }
}
