//! The `dxready` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: a report makes ~7,000 small allocations, and
/// glibc's malloc and free were a sixth of its time (README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dxready::cli::Cli::parse();
    match dxready::run(cli) {
        Ok(dxready::Outcome::Success) => ExitCode::SUCCESS,
        Ok(dxready::Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            for line in e.lines() {
                dxready::messages::error(&line);
            }
            ExitCode::from(e.exit_code())
        }
    }
}
