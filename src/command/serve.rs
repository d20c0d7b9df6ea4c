//! `dxready serve [--workspace DIR] [--listen ADDR] [--lan] [--title TEXT] [--max-sessions N]
//! [--new-admin-token]`: converts the options and runs [`crate::serve`].

use super::{Common, setup};
use crate::cli::ServeArgs;
use crate::error::{Error, Outcome};
use crate::serve::{Options, listen_address, run as serve};

pub fn run(common: &Common, args: &ServeArgs) -> Result<Outcome, Error> {
    let listen = listen_address(args.listen.as_deref(), args.lan)?;
    let setup = setup(common)?;
    let opts = Options {
        workspace: args.workspace.clone(),
        listen,
        title: args.title.clone(),
        max_sessions: args.max_sessions as usize,
        new_admin_token: args.new_admin_token,
        lang: common.lang.clone(),
        quiet: common.quiet,
    };
    serve(setup, opts)?;
    Ok(Outcome::Success)
}
