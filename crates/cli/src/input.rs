//! From the STUDY argument to a validated [`Study`].
//!
//! ```text
//! argument ──classify──▶ Source (stdin | file | link | preset) ──read──▶ JSON text ──Study::from_json──▶ Study
//! ```
//!
//! Each step fails with a message that says where the trouble is: the file
//! path, "share link", "standard input" or the preset, and for an invalid
//! study every field path the engine's validator names.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use journey_engine::presets::{self, Preset};
use journey_engine::{Study, link};

use crate::error::CliError;

/// Largest study file or standard input we read [bytes]. Studies are a few
/// kilobytes and share links carry at most 1 MiB, so anything larger is not
/// a study; refusing it early keeps a mistaken path (a video, a disk image)
/// from being read into memory.
pub const MAX_STUDY_FILE_BYTES: u64 = 8 << 20;

/// Where a study comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
    Link(String),
    Preset(&'static Preset),
}

impl Source {
    /// Decides what the STUDY argument names. An existing file always wins,
    /// so a file called `s1.json` or `password-reset` is read as a file;
    /// otherwise text that looks like a share link is one, then a preset id
    /// or name, and anything else is taken as a path (which then reports
    /// that it does not exist).
    pub fn classify(arg: &str) -> Source {
        if arg == "-" {
            return Source::Stdin;
        }
        let path = Path::new(arg);
        if path.exists() {
            return Source::File(path.to_path_buf());
        }
        if looks_like_link(arg) {
            return Source::Link(arg.to_owned());
        }
        if let Some(preset) = presets::find(arg) {
            return Source::Preset(preset);
        }
        Source::File(path.to_path_buf())
    }

    /// The source in words, for messages: `'study.json'`, `the share link`.
    pub fn label(&self) -> String {
        match self {
            Source::Stdin => "standard input".to_owned(),
            Source::File(path) => format!("'{}'", path.display()),
            Source::Link(_) => "the share link".to_owned(),
            Source::Preset(p) => format!("preset '{}'", p.id),
        }
    }

    /// The study JSON text.
    pub fn read(&self) -> Result<String, CliError> {
        match self {
            Source::Stdin => {
                // Someone who typed `-` by mistake would otherwise face a
                // silent wait.
                if io::stdin().is_terminal() {
                    eprintln!("Reading a study from standard input; end it with Ctrl-D.");
                }
                read_capped(io::stdin().lock())
                    .map_err(|e| CliError::Input(format!("cannot read standard input: {e}")))
            }
            Source::File(path) => read_file(path),
            Source::Link(text) => link::decode(text)
                .map_err(|e| CliError::Input(format!("the share link cannot be opened: {e}"))),
            Source::Preset(p) => Ok(p.json.to_owned()),
        }
    }

    /// The study JSON the source holds. A file or standard input may hold
    /// a share link instead of a study file (a link too long for the
    /// shell's argument limit travels that way), which is unpacked.
    pub fn study_json(&self) -> Result<String, CliError> {
        let text = self.read()?;
        if matches!(self, Source::Stdin | Source::File(_)) {
            let trimmed = text.trim();
            if !trimmed.starts_with('{') && looks_like_link(trimmed) {
                return link::decode(trimmed).map_err(|e| {
                    CliError::Input(format!("{} holds a share link that cannot be opened: {e}", self.label()))
                });
            }
        }
        Ok(text)
    }

    /// Reads and validates the study.
    pub fn study(&self) -> Result<Study, CliError> {
        let text = self.study_json()?;
        let study = Study::from_json(&text).map_err(|error| CliError::InvalidStudy {
            source: self.label(),
            error,
        });
        match (study, self) {
            (Ok(study), _) => Ok(study),
            // A built-in preset that does not validate is our bug, not the user's.
            (Err(e), Source::Preset(_)) => Err(CliError::Internal(e.to_string())),
            (Err(e), _) => Err(e),
        }
    }
}

/// Reads and validates the study named by a STUDY argument.
pub fn load(arg: &str) -> Result<(Source, Study), CliError> {
    let source = Source::classify(arg);
    let study = source.study()?;
    Ok((source, study))
}

/// A share link: a URL or fragment with `#`, or a bare fragment whose
/// version tag (`s1.`, and later `s2.`…) leads.
fn looks_like_link(arg: &str) -> bool {
    if arg.contains('#') {
        return true;
    }
    let Some((tag, _)) = arg.split_once('.') else {
        return false;
    };
    tag.len() >= 2 && tag.starts_with('s') && tag[1..].chars().all(|c| c.is_ascii_digit())
}

fn read_file(path: &Path) -> Result<String, CliError> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => CliError::Input(format!(
            "'{shown}' does not exist. STUDY is a study JSON file, '-' for standard input, a share link \
             (…#s1.…) or a preset id (see `journey-sim presets`)"
        )),
        _ => CliError::Input(format!("cannot open '{shown}': {e}")),
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(CliError::Input(format!(
            "'{shown}' is a directory, not a study file"
        )));
    }
    read_capped(file).map_err(|e| CliError::Input(format!("cannot read '{shown}': {e}")))
}

/// Reads UTF-8 text of at most [`MAX_STUDY_FILE_BYTES`].
fn read_capped(reader: impl Read) -> io::Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_STUDY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_STUDY_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is larger than {} MiB, far more than any study file",
                MAX_STUDY_FILE_BYTES >> 20
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_told_from_paths() {
        assert!(looks_like_link("s1.abc"));
        assert!(looks_like_link("#s1.abc"));
        assert!(looks_like_link("https://example.org/app/#s1.abc"));
        assert!(looks_like_link("s2.abc"));
        assert!(!looks_like_link("study.json"));
        assert!(!looks_like_link("studies/s1"));
        assert!(!looks_like_link("s.json"));
        assert!(!looks_like_link("password-reset"));
    }

    #[test]
    fn classify_prefers_stdin_then_files_then_links_then_presets() {
        assert_eq!(Source::classify("-"), Source::Stdin);
        assert_eq!(
            Source::classify("Cargo.toml"),
            Source::File(PathBuf::from("Cargo.toml"))
        );
        assert_eq!(
            Source::classify("s1.xyz"),
            Source::Link("s1.xyz".to_owned())
        );
        assert!(
            matches!(Source::classify("password-reset"), Source::Preset(p) if p.id == "password-reset")
        );
        assert_eq!(
            Source::classify("no/such/file.json"),
            Source::File(PathBuf::from("no/such/file.json"))
        );
    }
}
