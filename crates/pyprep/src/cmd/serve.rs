//! `pyprep serve`: the web app over the local database, until Ctrl-C or SIGTERM.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use pyprep_web::{AppState, WebConfig};
use tokio::net::TcpListener;

use crate::cli::{Cli, ServeArgs};
use crate::{app, output};

pub async fn run(cli: &Cli, args: &ServeArgs) -> Result<ExitCode> {
    let store = app::open_store(cli).await?;
    let listener = TcpListener::bind(args.addr).await.with_context(|| {
        format!(
            "cannot listen on {}; is another program using that port? Choose another with --addr 127.0.0.1:PORT",
            args.addr
        )
    })?;
    let addr = listener
        .local_addr()
        .context("cannot read the address the server listens on")?;
    if let Some(warning) = pyprep_web::exposure_warning(&addr) {
        eprintln!("warning: {warning}");
    }
    let state = AppState::new(Arc::new(store), WebConfig::for_addr(&addr))
        .context("cannot set up the web app")?;
    state
        .warm_up()
        .await
        .context("cannot build the search index")?;
    // Scripts (the e2e tests among them) read this line to learn the port of `--addr ...:0`.
    output::line(format!(
        "pyprep is serving on http://{addr}/ (open it in your browser; Ctrl-C stops it)"
    ))?;
    pyprep_web::serve(listener, pyprep_web::router(state), shutdown())
        .await
        .context("the web server stopped with an error")?;
    Ok(ExitCode::SUCCESS)
}

/// Completes on Ctrl-C or SIGTERM, so requests in flight can finish.
async fn shutdown() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
