//! The `tamis` command line: thin glue over the library (see `src/cli/`).
//!
//! Exit codes: 0 done (also when stdout is closed early, as in `tamis ... | head`),
//! 2 error (unreadable file, bad options, a bug).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line does not exist in the browser build.
#[cfg(target_arch = "wasm32")]
fn main() {}
