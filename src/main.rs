//! The `dxready` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

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
