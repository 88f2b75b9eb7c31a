//! What can go wrong in a command, and the exit code each failure gives.
//!
//! | exit | when |
//! | --- | --- |
//! | 0 | success (and when whoever reads our output stops reading early) |
//! | 1 | the output cannot be written, or an internal error (a bug) |
//! | 2 | anything wrong with the input: arguments, file, JSON, study, link |

use std::fmt;
use std::io;
use std::process::ExitCode;

use journey_engine::StudyError;

/// Exit code for a problem with what the user gave us.
pub const EXIT_INPUT: u8 = 2;
/// Exit code for a failure that is not the input's fault.
pub const EXIT_INTERNAL: u8 = 1;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// Something the user gave is wrong: a file that cannot be read, a bad
    /// link, an unknown preset. The text says what and where.
    Input(String),
    /// The study was read but is not valid.
    InvalidStudy {
        /// Where it came from, as `Source::label` words it.
        source: String,
        error: StudyError,
    },
    /// The problems have been printed already (by `validate`); exit 2
    /// without another word.
    Reported,
    /// Writing the output failed.
    Output(io::Error),
    /// A bug: something the engine promises did not hold.
    Internal(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) | CliError::InvalidStudy { .. } | CliError::Reported => {
                ExitCode::from(EXIT_INPUT)
            }
            // A reader that stops early (`journey-sim run … | head`) is not a failure.
            CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            CliError::Output(_) | CliError::Internal(_) => ExitCode::from(EXIT_INTERNAL),
        }
    }

    /// Whether there is anything to tell the user.
    pub fn is_silent(&self) -> bool {
        match self {
            CliError::Reported => true,
            CliError::Output(e) => e.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(message) => write!(f, "error: {message}"),
            CliError::InvalidStudy { source, error } => {
                // A problem with the file as a whole (not JSON, say) reads
                // best on one line: "error: 'x.json': this is not valid JSON …".
                if let [only] = error.problems.as_slice()
                    && only.path.is_empty()
                {
                    return write!(f, "error: {source}: {}", only.message);
                }
                let n = error.problems.len();
                let problems = if n == 1 {
                    "1 problem".to_owned()
                } else {
                    format!("{n} problems")
                };
                write!(f, "error: {source} is not a valid study ({problems}):")?;
                for line in problem_lines(source, error) {
                    write!(f, "\n  {line}")?;
                }
                Ok(())
            }
            CliError::Reported => Ok(()),
            CliError::Output(e) => write!(f, "error: cannot write the output: {e}"),
            CliError::Internal(message) => {
                write!(
                    f,
                    "internal error: {message}. This is a bug in journey-sim; please report it with the command you ran."
                )
            }
        }
    }
}

/// Every problem as `path: message`, one per entry. A problem with the
/// file as a whole (not JSON, say) has no field path, so it is placed by
/// the study's source instead.
pub fn problem_lines(source: &str, error: &StudyError) -> Vec<String> {
    error
        .problems
        .iter()
        .map(|p| {
            let place = if p.path.is_empty() {
                source
            } else {
                p.path.as_str()
            };
            format!("{place}: {}", p.message)
        })
        .collect()
}
