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

/// The event record on one line (`line` is its 1-based number, for the
/// error); `None` for a blank line.
pub fn parse_record(text: &str, line: usize) -> Result<Option<Event>, RecordError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(text)
        .map(Some)
        .map_err(|reason| RecordError::Json { line, reason })
}

/// The event records of a JSON Lines stream, one result a non-blank line.
pub fn read_records<R: BufRead>(r: R) -> impl Iterator<Item = Result<Event, RecordError>> {
    r.lines().enumerate().filter_map(|(n, line)| match line {
        Err(reason) => Some(Err(RecordError::Io {
            line: n + 1,
            reason,
        })),
        Ok(l) => parse_record(&l, n + 1).transpose(),
    })
}

/// Like [`read_records`], parsing batches of lines on all cores; stops at
/// the first bad line (the same error [`read_records`] would give first).
pub fn read_records_parallel<R: BufRead>(r: R) -> Result<Vec<Event>, RecordError> {
    use rayon::prelude::*;
    const BATCH: usize = 1 << 14;
    let mut out = Vec::new();
    let mut lines = r.lines();
    let mut first = 1;
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        for (k, l) in lines.by_ref().take(BATCH).enumerate() {
            batch.push(l.map_err(|reason| RecordError::Io {
                line: first + k,
                reason,
            })?);
        }
        if batch.is_empty() {
            return Ok(out);
        }
        let parsed: Vec<Result<Option<Event>, RecordError>> = batch
            .par_iter()
            .enumerate()
            .map(|(k, l)| parse_record(l, first + k))
            .collect();
        for p in parsed {
            if let Some(e) = p? {
                out.push(e);
            }
        }
        first += batch.len();
    }
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
