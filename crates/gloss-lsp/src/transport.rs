//! A guard in front of tower-lsp-server's transport.
//!
//! tower-lsp-server stops reading (and so ends the session) after the first
//! frame it cannot decode: malformed JSON, a body that is not a JSON-RPC
//! message, a header without `Content-Length`. A client must never be able
//! to kill the server that way, so every frame is checked here first: good
//! frames go through untouched, bad ones are answered with the JSON-RPC
//! error (`-32700` parse error, `-32600` invalid request) and dropped.

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

async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Frame {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
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
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
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
    let is_request = value.get("method").is_some_and(Value::is_string);
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

/// Write the server's frames and the error responses to `output`, whole
/// frames only, until the server's output ends.
pub async fn merge_output<R, O>(server: R, output: O, mut errors: mpsc::UnboundedReceiver<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let mut output = Box::pin(output);
    let mut reader = BufReader::new(server);
    loop {
        tokio::select! {
            frame = read_frame(&mut reader) => match frame {
                Frame::Body(body) => {
                    if output.write_all(&self::frame(&body)).await.is_err() {
                        return;
                    }
                }
                Frame::BadHeader => {}
                Frame::End => break,
            },
            Some(response) = errors.recv() => {
                if output.write_all(&response).await.is_err() {
                    return;
                }
            }
        }
        if output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
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
}
