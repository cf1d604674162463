// swift-tools-version:6.0
// cos: the Customer Overview shell.
//
// The targets follow the data flow of the program:
//   line (CosLine) -> command (CosCommand) -> query (CosQuery, over CosStore)
//   -> view (CosView, named tables) -> rendering (CosRender)
// CosShell ties them together; `cos` is a thin executable around it.
// There are no package dependencies: SQLite, libedit, libcrypto and libpq are Debian's C libraries.
import PackageDescription

let package = Package(
    name: "cos",
    products: [
        .executable(name: "cos", targets: ["cos"])
    ],
    targets: [
        // C libraries from Debian (libsqlite3-dev, libedit-dev), found through pkg-config.
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CLibEdit", path: "Sources/CLibEdit", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        // OpenSSL's libcrypto (libssl-dev): SHA-256 for the export fingerprint.
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CPostgres", path: "Sources/CPostgres", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        // Non-variadic C wrappers around libedit and the signal flags (see docs/libedit.md).
        .target(name: "CEditLine", dependencies: ["CLibEdit"], path: "Sources/CEditLine"),

        // Billing domain: exact decimals, months, periods, currencies, entities.
        .target(name: "CosModel"),
        // Views: named tables of typed cells; what queries return and renderers draw. A view's context
        // is a path of the command language, written by the language's one path writer.
        .target(name: "CosView", dependencies: ["CosModel", "CosCommand"]),
        // The SQLite store, the CSV reader, the checked import of a billing export.
        .target(name: "CosStore", dependencies: ["CosModel", "CSQLite", "CCrypto"]),
        // The PostgreSQL source (libpq's C API): connection, COPY, the loader into a schema and its swap.
        .target(name: "CosPostgres", dependencies: ["CosModel", "CosStore", "CPostgres"]),
        // The aggregation core: every Customer Overview view as a value.
        .target(name: "CosQuery", dependencies: ["CosModel", "CosView", "CosStore"]),
        // Rendering: tables, text charts, CSV, JSON, Markdown. Pure functions of a view.
        .target(name: "CosRender", dependencies: ["CosModel", "CosView"]),
        // The command language: lexer, parser, paths, variables, suggestions.
        .target(name: "CosCommand", dependencies: ["CosModel"]),
        // The line reader: libedit on a terminal, plain lines otherwise.
        .target(name: "CosLine", dependencies: ["CEditLine", "CLibEdit"]),
        // The deterministic sample-data generator.
        .target(name: "CosGenerate", dependencies: ["CosModel"]),
        // The shell: command table, context stack, main loop, program options.
        .target(
            name: "CosShell",
            dependencies: [
                "CosModel", "CosView", "CosStore", "CosQuery", "CosRender", "CosCommand", "CosLine",
                "CosGenerate", "CosPostgres",
            ]),
        .executableTarget(name: "cos", dependencies: ["CosShell"]),
        // Fuzz targets (CSV import, command language, renderers) and their driver; see scripts/fuzz.
        .target(
            name: "CosFuzz",
            dependencies: ["CosModel", "CosView", "CosStore", "CosQuery", "CosRender", "CosCommand", "CosShell"]),
        .executableTarget(name: "cos-fuzz", dependencies: ["CosFuzz"]),
        // The in-process benchmark behind scripts/bench (not shipped): times queries and rendering.
        .executableTarget(
            name: "cos-bench", dependencies: ["CosModel", "CosView", "CosStore", "CosQuery", "CosRender", "CosPostgres"]),

        .testTarget(name: "CosModelTests", dependencies: ["CosModel"]),
        .testTarget(name: "CosStoreTests", dependencies: ["CosStore", "CosModel"]),
        .testTarget(name: "CosViewTests", dependencies: ["CosView", "CosCommand"]),
        .testTarget(
            name: "CosPostgresTests",
            dependencies: ["CosPostgres", "CosStore", "CosModel", "CosQuery", "CosView", "CosRender", "CosShell", "CosGenerate"]),
        .testTarget(name: "CosQueryTests", dependencies: ["CosQuery", "CosStore", "CosView", "CosModel", "CosPostgres"]),
        .testTarget(
            name: "CosRenderTests", dependencies: ["CosRender", "CosView", "CosModel"],
            // Expected output files, read through #filePath; not resources of the test bundle.
            exclude: ["Snapshots"]),
        .testTarget(name: "CosCommandTests", dependencies: ["CosCommand", "CosModel"]),
        .testTarget(name: "CosLineTests", dependencies: ["CosLine"]),
        .testTarget(name: "CosGenerateTests", dependencies: ["CosGenerate", "CosStore", "CosModel"]),
        .testTarget(
            name: "CosShellTests", dependencies: ["CosShell", "CosLine", "CosCommand", "CosModel", "CosStore", "CosQuery", "CosRender", "CosPostgres"],
            exclude: ["Transcripts"]),
    ],
    swiftLanguageModes: [.v6]
)
