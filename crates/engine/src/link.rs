//! Share-link codec: a whole study carried in the URL fragment.
//!
//! A shared link looks like `https://…/#s1.<data>`. Everything after the `#`
//! stays in the browser (it is never sent to a server), so the study travels
//! with the link and nothing is stored anywhere.
//!
//! ```text
//! encode:  study JSON ─ minify ─ zlib (deflate + Adler-32) ─ base64url (no padding) ─ "s1." + data
//! decode:  "…#s1.data" ─ take fragment ─ check version ─ base64url ─ inflate (≤ 1 MiB)
//!          ─ UTF-8 ─ JSON ─ study JSON text
//! ```
//!
//! The version tag in front of the data says how the rest is packed. A new
//! packing gets a new tag (`s2`, …) and a new arm in [`decode`]; the old arms
//! stay, so every link ever shared keeps opening. The tag is about packing
//! only: the study inside carries its own `schema` number, and migrating old
//! studies is the study parser's job, not this module's.
//!
//! This module works on text only. It checks that a link unpacks to JSON,
//! never that the JSON is a valid study; the study parser does that, exactly
//! as for a file the user opens.
//!
//! The zlib wrapper adds an Adler-32 checksum of the JSON (about eight
//! characters of link), so a link with a character changed is refused as
//! damaged instead of opening as a slightly different study.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD_INDIFFERENT;
use miniz_oxide::inflate::TINFLStatus;

/// Version tag written by [`encode`]: zlib, base64url without padding.
pub const VERSION: &str = "s1";

/// Longest fragment [`decode`] will look at [characters]. The presets need
/// under 2,000; anything near this cap is not a link a person copied.
pub const MAX_FRAGMENT_CHARS: usize = 200_000;

/// Largest study [`decode`] will unpack [bytes of JSON]. The inflater stops
/// at this size, so a small link that would inflate to gigabytes (a "zip
/// bomb") costs at most this much memory.
pub const MAX_STUDY_BYTES: usize = 1 << 20;

/// Deflate level: miniz_oxide's highest (10, "uber"). Links are made once
/// and the studies are a few kilobytes, so the extra effort is free, and it
/// shortens links a little against level 9.
const DEFLATE_LEVEL: u8 = 10;

/// Known version tags, for telling a cut-off tag ("s") from a foreign one.
const KNOWN_VERSIONS: [&str; 1] = [VERSION];

/// Why a link could not be turned back into a study.
///
/// The [`Display`](fmt::Display) text is written for the person who pasted
/// the link: it says what is wrong and what to do, without jargon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing after the `#` (or nothing at all).
    Empty,
    /// The tag before the first `.` is not one this build knows: a link
    /// from a newer version of the app, or not a study link at all. Holds
    /// the tag as found (shortened if long).
    UnknownVersion(String),
    /// Characters that base64url never produces, or misplaced padding.
    NotBase64,
    /// The data is not a complete deflate stream: truncated or damaged.
    Corrupt,
    /// The fragment is longer than [`MAX_FRAGMENT_CHARS`] or the study
    /// would unpack to more than [`MAX_STUDY_BYTES`].
    TooLarge,
    /// The data unpacked to bytes that are not UTF-8 text.
    NotText,
    /// The data unpacked to text that is not JSON.
    NotJson,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str(
                "This link holds no study: the part after the \u{201c}#\u{201d} is missing. \
                 Copy the whole link again, including everything after the \u{201c}#\u{201d}.",
            ),
            LinkError::UnknownVersion(tag) => write!(
                f,
                "This link is in a format this version of Journey Simulator does not know \
                 (\u{201c}{tag}\u{201d}). It may have been made with a newer version of the app: \
                 open it there, or ask the sender for the study file.",
            ),
            LinkError::NotBase64 => f.write_str(
                "This link has been altered: it contains characters that never appear in a \
                 study link. Copy the link again exactly as it was sent.",
            ),
            LinkError::Corrupt => f.write_str(
                "This link is incomplete or damaged: the study data in it could not be \
                 unpacked. It may have been cut off when copied.",
            ),
            LinkError::TooLarge => f.write_str(
                "This link is too large to open: the study in it is bigger than a link may \
                 carry. Share the study as a file instead.",
            ),
            LinkError::NotText => f.write_str(
                "This link is damaged: the study data in it unpacked to something that is not \
                 text. Copy the link again exactly as it was sent.",
            ),
            LinkError::NotJson => f.write_str(
                "This link is damaged: the data in it unpacked, but it is not a study. Copy the \
                 link again exactly as it was sent.",
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// Packs a study into a link fragment, without the leading `#`:
/// `"s1.<base64url of zlib of the minified JSON>"`.
///
/// The JSON is minified first, keeping key order, so indentation costs
/// nothing in the link and two copies of one study give the same link.
/// Text that is not JSON is packed as given (it cannot be re-minified);
/// [`decode`] will then refuse it with [`LinkError::NotJson`].
pub fn encode(study_json: &str) -> String {
    let minified = match serde_json::from_str::<serde_json::Value>(study_json) {
        Ok(value) => value.to_string(),
        Err(_) => study_json.to_owned(),
    };
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(minified.as_bytes(), DEFLATE_LEVEL);
    let mut link = String::with_capacity(VERSION.len() + 1 + packed.len().div_ceil(3) * 4);
    link.push_str(VERSION);
    link.push('.');
    URL_SAFE_NO_PAD_INDIFFERENT.encode_string(&packed, &mut link);
    link
}

/// Unpacks a link into the study JSON it carries (minified).
///
/// Accepts the fragment with or without its `#`, or a whole URL (the
/// fragment is what follows the first `#`). Surrounding whitespace and line
/// breaks inside the data (a link wrapped by an e-mail program) are ignored.
/// Padding `=` at the end is tolerated.
pub fn decode(fragment: &str) -> Result<String, LinkError> {
    let fragment = fragment.trim();
    let payload = match fragment.split_once('#') {
        Some((_, after)) => after,
        // A whole URL without a fragment carries no study.
        None if fragment.contains("://") => "",
        None => fragment,
    };
    // Checked before anything is copied, so a huge paste is refused cheaply.
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLarge);
    }
    let payload: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }

    let Some((version, data)) = payload.split_once('.') else {
        // "s" or "s1": a link cut off inside its version tag.
        if KNOWN_VERSIONS
            .iter()
            .any(|v| v.starts_with(payload.as_str()))
        {
            return Err(LinkError::Corrupt);
        }
        return Err(LinkError::UnknownVersion(shorten(&payload)));
    };
    match version {
        "s1" => decode_s1(data),
        // Later packings get their own arm here; keep the old arms so that
        // links shared before keep opening.
        other => Err(LinkError::UnknownVersion(shorten(other))),
    }
}

/// Version s1: base64url (padding optional) of zlib of JSON.
fn decode_s1(data: &str) -> Result<String, LinkError> {
    if data.is_empty() {
        return Err(LinkError::Corrupt);
    }
    let packed = URL_SAFE_NO_PAD_INDIFFERENT
        .decode(data)
        .map_err(|e| match e {
            // A length or final symbol that base64 cannot end on is what a
            // link cut off mid-way looks like.
            base64::DecodeError::InvalidLength(_)
            | base64::DecodeError::InvalidLastSymbol { .. } => LinkError::Corrupt,
            _ => LinkError::NotBase64,
        })?;
    let bytes = inflate_capped(&packed)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotText)?;
    // Only that it is JSON; whether it is a valid study is checked elsewhere.
    serde_json::from_str::<serde::de::IgnoredAny>(&text).map_err(|_| LinkError::NotJson)?;
    Ok(text)
}

/// Inflates zlib data and checks its checksum, refusing more than [`MAX_STUDY_BYTES`].
fn inflate_capped(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    // One byte of headroom tells "exactly at the cap" (allowed) from "over".
    match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_STUDY_BYTES + 1) {
        Ok(bytes) if bytes.len() > MAX_STUDY_BYTES => Err(LinkError::TooLarge),
        Ok(bytes) => Ok(bytes),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(LinkError::TooLarge),
        Err(_) => Err(LinkError::Corrupt),
    }
}

/// A version tag as shown in an error message: at most 16 characters.
fn shorten(tag: &str) -> String {
    const MAX: usize = 16;
    if tag.chars().count() <= MAX {
        tag.to_owned()
    } else {
        let mut short: String = tag.chars().take(MAX).collect();
        short.push('\u{2026}');
        short
    }
}
