//! Event records back in: JSON Lines as `sitrep extract` writes them, for
//! merging records coded earlier.

use sitrep_core::record::Event;
use std::io::BufRead;

/// A line that is not an event record, or a stream that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The stream failed.
    #[error("line {line}: cannot read: {reason}")]
    Io {
        /// 1-based line number.
        line: usize,
        /// The reason.
        reason: std::io::Error,
    },
    /// The line is not a JSON event record.
    #[error("line {line}: not an event record: {reason}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// The reason (with the column).
        reason: serde_json::Error,
    },
}

impl RecordError {
    /// The 1-based line the error is on.
    pub fn line(&self) -> usize {
        match self {
            RecordError::Io { line, .. } | RecordError::Json { line, .. } => *line,
        }
    }
}

/// The event records of a JSON Lines stream, one result a non-blank line.
pub fn read_records<R: BufRead>(r: R) -> impl Iterator<Item = Result<Event, RecordError>> {
    r.lines().enumerate().filter_map(|(n, line)| {
        let line_no = n + 1;
        match line {
            Err(reason) => Some(Err(RecordError::Io {
                line: line_no,
                reason,
            })),
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(
                serde_json::from_str(&l).map_err(|reason| RecordError::Json {
                    line: line_no,
                    reason,
                }),
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named_by_number() {
        let text = "\n{\"id\": 3}\n";
        let got: Vec<_> = read_records(text.as_bytes()).collect();
        assert_eq!(got.len(), 1);
        let e = got
            .into_iter()
            .next()
            .and_then(Result::err)
            .expect("an error");
        assert_eq!(e.line(), 2);
        assert!(
            e.to_string().starts_with("line 2: not an event record"),
            "{e}"
        );
    }
}
