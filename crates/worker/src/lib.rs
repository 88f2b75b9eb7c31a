//! The conversation between the page and the simulation worker.
//!
//! The page and the worker exchange JSON text through `postMessage`:
//!
//! ```text
//!   page                                   worker
//!    |  new Worker(journey-worker_loader.js)  |
//!    | <------------------ Ready ------------ |  (wasm loaded, handler installed)
//!    | --- Ping { n } ----------------------> |
//!    | <------------------ Pong { n } ------- |
//! ```
//!
//! The worker announces `Ready` first because a dedicated worker drops any
//! message that arrives before its `onmessage` handler exists, and the
//! handler only exists once the wasm module has been fetched and
//! instantiated. Later this protocol grows a request to run a chunk of
//! journeys through `journey-engine`; the envelope stays the same.
//!
//! Everything here is plain Rust so it is tested natively; the browser glue
//! lives in `main.rs`.

use serde::{Deserialize, Serialize};

/// A message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Round-trip check: the worker answers `Pong` with the same number.
    Ping { n: u32 },
}

/// A message from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker has loaded and now accepts requests.
    Ready { version: String },
    /// Answer to `Ping { n }`.
    Pong { n: u32 },
    /// The worker could not understand a request.
    Error { message: String },
}

/// Version of this crate, reported in `Response::Ready`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The first message the worker sends once it can take requests.
pub fn ready() -> Response {
    Response::Ready {
        version: VERSION.to_owned(),
    }
}

/// Answers one request.
pub fn handle(request: Request) -> Response {
    match request {
        Request::Ping { n } => Response::Pong { n },
    }
}

/// Answers one request given as JSON text, as it arrives from `postMessage`.
///
/// Never fails: text that is not a valid request becomes `Response::Error`,
/// so the page always hears back.
pub fn handle_json(text: &str) -> String {
    let response = match serde_json::from_str::<Request>(text) {
        Ok(request) => handle(request),
        Err(err) => Response::Error {
            message: format!("unreadable request: {err}"),
        },
    };
    encode(&response)
}

/// Encodes a message for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> String {
    // Both message enums hold only strings and integers, which always
    // serialise.
    serde_json::to_string(message).expect("protocol messages always serialise")
}

/// Decodes a message received from `postMessage`.
pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ping_is_answered_with_the_same_number() {
        let reply = handle_json(&encode(&Request::Ping { n: 7 }));
        assert_eq!(decode::<Response>(&reply).unwrap(), Response::Pong { n: 7 });
    }

    #[test]
    fn wire_format_is_tagged_json() {
        assert_eq!(encode(&Request::Ping { n: 3 }), r#"{"kind":"ping","n":3}"#);
        assert_eq!(
            encode(&Response::Pong { n: 3 }),
            r#"{"kind":"pong","n":3}"#
        );
    }

    #[test]
    fn ready_names_the_worker_version() {
        assert_eq!(
            decode::<Response>(&encode(&ready())).unwrap(),
            Response::Ready {
                version: VERSION.to_owned()
            }
        );
    }

    #[test]
    fn unreadable_request_gets_an_error_reply() {
        let reply = decode::<Response>(&handle_json("{\"kind\":\"fly\"}")).unwrap();
        assert!(
            matches!(reply, Response::Error { ref message } if message.contains("unreadable request")),
            "got {reply:?}"
        );
    }
}
