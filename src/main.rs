//! The `helpgen` binary: parse the command line, run it, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser as _;
use helpgen::cli::{self, Cli, Exit};

/// Rendering allocates many short-lived strings on every thread; mimalloc's per-thread
/// heaps take a fifth off a corpus build compared with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_purge_delay` (`include/mimalloc.h`; the `libmimalloc-sys`
/// bindings name only the options of mimalloc 1 and 2).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, cli::Command::Serve(_)) {
        // A one-shot command ends soon: memory freed by one stage is better kept for the
        // next than returned to the OS after a second and faulted in again. `serve` keeps the
        // default, so a long-running preview gives memory back between rebuilds.
        // SAFETY: sets an option; mimalloc reads it atomically.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    match cli::run(cli) {
        Ok(Exit::Success) => ExitCode::SUCCESS,
        Ok(Exit::ContentErrors) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`helpgen check | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", format_chain(&e));
            ExitCode::from(2)
        }
    }
}

fn format_chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_delay_option_index_is_mimalloc_3s() {
        // SAFETY: reads the version and an option.
        let (version, delay) = unsafe {
            (
                libmimalloc_sys::mi_version(),
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
            )
        };
        assert!((30_000..40_000).contains(&version), "mimalloc {version}");
        // mimalloc 3's default `purge_delay` (`src/options.c`), unless the environment
        // sets it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(delay, 1000);
        }
    }
}
