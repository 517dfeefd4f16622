//! A guard in front of tower-lsp-server's transport.
//!
//! tower-lsp-server (checked with 0.23.0 and tokio-util 0.7.20) answers the
//! first frame it cannot decode with an error, then ends the session: its
//! codec returns the decode error and skips ahead to the next
//! `Content-Length`, but tokio-util's `FramedRead` yields `None` after any
//! decode error (tokio#3976), and `Server::serve` stops reading at the first
//! `None`. A client must never be able to kill the server that way, so every
//! frame is checked here first: good frames go through untouched, bad ones
//! are answered with the JSON-RPC error (`-32700` parse error, `-32600`
//! invalid request) and dropped.
//!
//! What 0.23.0 does on its own with each case of the robustness tests (a
//! bare `Server` fed the frame, then a request):
//!
//! - ends the session after answering `-32700`: garbage bytes, a header
//!   line without a colon, a `Content-Length` that is not a number, negative
//!   or over `u64`, no `Content-Length`, a lowercase `content-length` (it
//!   matches the header name case-sensitively), invalid JSON or UTF-8, a
//!   `Content-Length` shorter than the body, garbage without a line break
//!   in front of the next header;
//! - ends the session after answering `-32600`: a body that is not a
//!   JSON-RPC message (an array, a string, no `"jsonrpc": "2.0"`, an object
//!   as `id`);
//! - waits for the body of a huge `Content-Length` (it has no limit) and so
//!   buffers every later message without answering: `MAX_BODY` here;
//! - drops a `$/` request it does not know without an answer, where LSP
//!   3.17 wants `-32601`;
//! - survives params that are a number (`-32602`); the check here answers
//!   it `-32600` before it gets there, which JSON-RPC 2.0 allows too.
//!
//! So the filter stays; only the last point no longer needs it.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The largest message accepted (a whole-document sync of a big file fits).
const MAX_BODY: usize = 64 * 1024 * 1024;

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let response = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(response.to_string().as_bytes())
}

/// One frame read from the client.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    BadHeader,
    End,
}

/// The longest header line kept. Past it the line is garbage (a body that
/// overran a too-short `Content-Length`, bytes without line breaks): its
/// start is dropped so that memory stays bounded, and the scan goes on to
/// find the next `Content-Length`.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// How much of an overlong line is kept when it is cut, so that a header
/// straddling the cut is not lost.
const KEEP_ON_CUT: usize = 256;

/// Read one line (up to and including `\n`, or to the end of input) into
/// `line`, keeping at most [`MAX_HEADER_LINE`] bytes: only the end of a
/// longer line is kept. `Ok(false)` when the input has ended.
async fn read_header_line<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..=at], true),
            None => (available, false),
        };
        let used = chunk.len();
        line.extend_from_slice(chunk);
        reader.consume(used);
        if line.len() > MAX_HEADER_LINE {
            let cut = line.len() - KEEP_ON_CUT;
            line.drain(..cut);
        }
        if done {
            return Ok(true);
        }
    }
}

/// The value of a `Content-Length` header found anywhere in `line` (case
/// insensitive), so that a header glued to the end of garbage is still
/// found: the last one wins.
fn content_length(line: &str) -> Option<Option<usize>> {
    const NAME: &str = "content-length:";
    let lower = line.to_ascii_lowercase();
    let at = lower.rfind(NAME)?;
    let value = line.get(at + NAME.len()..)?;
    Some(value.trim().parse().ok())
}

async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Frame {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        match read_header_line(reader, &mut line).await {
            Ok(false) | Err(_) => return Frame::End,
            Ok(true) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some(value) = content_length(line) {
            length = value;
        }
    }
    let Some(length) = length.filter(|n| *n <= MAX_BODY) else {
        return Frame::BadHeader;
    };
    let mut body = vec![0; length];
    match reader.read_exact(&mut body).await {
        Ok(_) => Frame::Body(body),
        Err(_) => Frame::End,
    }
}

/// Whether a body is a message tower-lsp-server can decode; otherwise the
/// error response to send instead.
fn check(body: &[u8]) -> Result<(), Vec<u8>> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(err) => {
            return Err(error_frame(
                Value::Null,
                -32700,
                &format!("parse error: {err}"),
            ));
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let id_ok = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
    let method = value.get("method").and_then(Value::as_str);
    let is_request = method.is_some();
    let is_response = value.get("id").is_some()
        && (value.get("result").is_some() || value.get("error").is_some());
    let params_ok = value
        .get("params")
        .is_none_or(|p| p.is_object() || p.is_array() || p.is_null());
    if value.get("jsonrpc") == Some(&json!("2.0"))
        && id_ok
        && params_ok
        && (is_request || is_response)
    {
        // tower-lsp-server drops every `$/` message it does not know, but
        // LSP 3.17 wants a request (not a notification) answered. None of
        // the `$/` methods the server handles (`$/cancelRequest`,
        // `$/setTrace`, `$/progress`) is a request.
        if let Some(method) = method
            && method.starts_with("$/")
            && value.get("id").is_some()
        {
            return Err(error_frame(
                id,
                -32601,
                &format!("method not found: {method}"),
            ));
        }
        return Ok(());
    }
    let id = if id_ok { id } else { Value::Null };
    Err(error_frame(
        id,
        -32600,
        "invalid request: not a JSON-RPC 2.0 message",
    ))
}

/// Copy frames from `input` to `server`, answering bad ones on `errors`.
pub async fn filter_input<R, W>(input: R, mut server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    loop {
        match read_frame(&mut reader).await {
            Frame::End => return,
            Frame::BadHeader => {
                let _ = errors.send(error_frame(
                    Value::Null,
                    -32700,
                    "parse error: missing Content-Length",
                ));
            }
            Frame::Body(body) => match check(&body) {
                Ok(()) => {
                    if server.write_all(&frame(&body)).await.is_err()
                        || server.flush().await.is_err()
                    {
                        return;
                    }
                }
                Err(response) => {
                    let _ = errors.send(response);
                }
            },
        }
    }
}

/// How many whole server frames may wait for the client to read them before
/// the server's writes block (so memory stays bounded for a slow client).
const QUEUED_FRAMES: usize = 16;

/// Write the server's frames and the error responses to `output`, whole
/// frames only, until the server's output ends.
///
/// Frames are read from `server` by a reader of their own that hands over
/// whole frames only: `read_frame` is not cancel-safe, so racing it against
/// the error responses in one `select!` would drop a half-read frame each
/// time an error response won.
pub async fn merge_output<R, O>(server: R, output: O, mut errors: mpsc::UnboundedReceiver<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (frames_tx, mut frames) = mpsc::channel::<Vec<u8>>(QUEUED_FRAMES);
    let read = async move {
        let mut reader = BufReader::new(server);
        loop {
            match read_frame(&mut reader).await {
                Frame::Body(body) => {
                    if frames_tx.send(body).await.is_err() {
                        break;
                    }
                }
                Frame::BadHeader => {}
                Frame::End => break,
            }
        }
        // Closing the channel tells the writer that the server is done
        // once it has written what is queued.
        drop(frames_tx);
        std::future::pending::<()>().await;
    };
    let write = async move {
        let mut output = Box::pin(output);
        loop {
            // Both `recv`s are cancel-safe: the branch that loses keeps its
            // message in its channel.
            let bytes = tokio::select! {
                body = frames.recv() => match body {
                    Some(body) => frame(&body),
                    None => break,
                },
                Some(response) = errors.recv() => response,
            };
            if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                return;
            }
        }
        let _ = output.flush().await;
    };
    tokio::select! {
        () = write => {}
        () = read => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_messages_pass_bad_ones_get_errors() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"initialized"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":"a","result":null}"#).is_ok());
        let error = |body: &[u8]| -> Value {
            let Err(frame) = check(body) else {
                panic!("{} should be refused", String::from_utf8_lossy(body));
            };
            let text = String::from_utf8_lossy(&frame).into_owned();
            let json = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
            serde_json::from_str(&json).unwrap_or_default()
        };
        assert_eq!(error(b"{not json")["error"]["code"], -32700);
        assert_eq!(
            error(br#"{"jsonrpc":"2.0","id":7}"#)["error"]["code"],
            -32600
        );
        assert_eq!(error(br#"{"jsonrpc":"2.0","id":7}"#)["id"], 7);
        assert_eq!(
            error(br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#)["id"],
            Value::Null
        );
        assert_eq!(error(br#"[1,2]"#)["error"]["code"], -32600);
        assert_eq!(
            error(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":3}"#)["error"]["code"],
            -32600
        );
    }

    #[tokio::test]
    async fn garbage_headers_are_skipped() {
        let input = b"garbage line\r\n\r\nContent-Length: 5\r\n\r\nhello".to_vec();
        let mut reader = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut reader).await, Frame::BadHeader));
        assert!(matches!(read_frame(&mut reader).await, Frame::Body(b) if b == b"hello"));
        assert!(matches!(read_frame(&mut reader).await, Frame::End));
    }

    #[tokio::test]
    async fn a_header_glued_to_garbage_is_found() {
        let input = b"Content-Length: 2\r\n\r\n{\"ab\"}content-LENGTH: 2\r\n\r\n{}".to_vec();
        let mut reader = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut reader).await, Frame::Body(b) if b == b"{\""));
        assert!(matches!(read_frame(&mut reader).await, Frame::Body(b) if b == b"{}"));
        assert!(matches!(read_frame(&mut reader).await, Frame::End));
    }

    #[tokio::test]
    async fn an_endless_header_line_stays_bounded() {
        let mut input = vec![b'x'; 1024 * 1024];
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let mut reader = BufReader::new(&input[..]);
        let mut line = Vec::new();
        assert!(matches!(
            read_header_line(&mut reader, &mut line).await,
            Ok(true)
        ));
        assert!(line.len() <= 2 * MAX_HEADER_LINE);
        assert!(line.ends_with(b"Content-Length: 2\r\n"));
        let mut reader = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut reader).await, Frame::Body(b) if b == b"{}"));
    }

    /// A server frame that arrives in pieces while error responses go out
    /// reaches the client whole, and so does every error response.
    #[tokio::test]
    async fn a_frame_read_in_pieces_survives_error_responses() {
        const FRAMES: usize = 5;
        let (mut server, from_server) = tokio::io::duplex(1 << 16);
        let (errors_tx, errors_rx) = mpsc::unbounded_channel();
        let mut output = Vec::new();
        let bodies: Vec<String> = (0..FRAMES)
            .map(|i| {
                format!(
                    r#"{{"jsonrpc":"2.0","id":{i},"result":"{}"}}"#,
                    "x".repeat(64)
                )
            })
            .collect();
        let server_side = async {
            for (i, body) in bodies.iter().enumerate() {
                let bytes = frame(body.as_bytes());
                let (head, tail) = bytes.split_at(bytes.len() / 2);
                server.write_all(head).await.unwrap_or_default();
                server.flush().await.unwrap_or_default();
                // The error response comes while the frame is half read.
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                let _ = errors_tx.send(error_frame(json!(100 + i), -32700, "parse error"));
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                server.write_all(tail).await.unwrap_or_default();
                server.flush().await.unwrap_or_default();
            }
            // Let the last error response out before the server's output ends.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            drop(server);
        };
        tokio::join!(
            server_side,
            merge_output(from_server, &mut output, errors_rx)
        );

        let mut reader = BufReader::new(&output[..]);
        let mut results = Vec::new();
        let mut error_ids = Vec::new();
        loop {
            match read_frame(&mut reader).await {
                Frame::Body(body) => {
                    let value: Value = serde_json::from_slice(&body).unwrap_or_default();
                    if value.get("error").is_some() {
                        error_ids.push(value["id"].clone());
                    } else {
                        results.push(String::from_utf8_lossy(&body).into_owned());
                    }
                }
                Frame::BadHeader => panic!("torn frame in {}", String::from_utf8_lossy(&output)),
                Frame::End => break,
            }
        }
        assert_eq!(results, bodies);
        assert_eq!(
            error_ids,
            (0..FRAMES).map(|i| json!(100 + i)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn unknown_dollar_requests_are_refused() {
        assert!(
            check(br#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#).is_ok()
        );
        assert!(
            check(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#).is_ok()
        );
        assert!(check(br#"{"jsonrpc":"2.0","method":"$/unknown"}"#).is_ok());
        let Err(frame) = check(br#"{"jsonrpc":"2.0","id":3,"method":"$/unknown"}"#) else {
            panic!("a `$/` request must be answered");
        };
        let text = String::from_utf8_lossy(&frame).into_owned();
        assert!(
            text.contains("-32601") && text.contains(r#""id":3"#),
            "{text}"
        );
    }
}
