//! The gloss language server: `gloss lsp` speaks LSP 3.17 on stdio.
//!
//! Only this crate knows the protocol. The workspace model
//! ([`gloss_workspace::Glossary`]) holds term files, docs and the glossary
//! index and says which files an edit affects; the query layer
//! ([`gloss_ide`]) answers requests over it as plain data; [`server`]
//! wires them to tower-lsp-server, converting protocol positions to byte
//! offsets ([`from_proto`]) and answers back ([`to_proto`]); [`pos_conv`]
//! owns every position conversion.

pub mod from_proto;
pub mod pos_conv;
pub mod server;
pub mod to_proto;
pub mod transport;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serve one client over a pair of byte streams until it sends `exit` (or
/// the input ends).
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(server::Backend::new);
    // The server talks to the client through two pipes guarded by
    // `transport`, so that no frame a client sends can end the session.
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (errors_tx, errors_rx) = tokio::sync::mpsc::unbounded_channel();
    let session = async move {
        Server::new(server_input, server_output, socket)
            .serve(service)
            .await;
    };
    let filter = async move {
        transport::filter_input(input, to_server, errors_tx).await;
        // Input ended (and `to_server` with it): the server stops on its own.
        std::future::pending::<()>().await;
    };
    let both = async move {
        tokio::join!(
            session,
            transport::merge_output(from_server, output, errors_rx)
        );
    };
    tokio::select! {
        () = both => {}
        () = filter => {}
    }
}

/// `gloss lsp`: serve on stdin/stdout.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Reading stdin parks a blocking thread that `exit` cannot wake: do not
    // wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}
