//! File access for operations: bounded reads and atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::{OpError, OpResult, OutputFile};

/// Read a whole input file, refusing anything over `max` bytes.
///
/// # Errors
/// `io.not_found`, `io.read`, `limit.exceeded`.
pub fn read_input(path: &Path, max: u64) -> OpResult<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| io_error("io.not_found", "read", path, &e))?;
    if meta.is_dir() {
        return Err(OpError::new(
            "io.read",
            format!("{} is a folder, not a file", path.display()),
        ));
    }
    if meta.len() > max {
        return Err(OpError::from_opc(
            docskill_opc::Error::LimitExceeded {
                what: "max_input_bytes",
                actual: meta.len(),
                limit: max,
            },
            &path.display().to_string(),
        ));
    }
    std::fs::read(path).map_err(|e| io_error("io.read", "read", path, &e))
}

pub(crate) fn io_error(code: &str, verb: &str, path: &Path, e: &std::io::Error) -> OpError {
    let code = if e.kind() == std::io::ErrorKind::NotFound {
        "io.not_found"
    } else {
        code
    };
    OpError::new(code, format!("cannot {verb} {}: {e}", path.display()))
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Write `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed, then renamed into place. Returns the output record.
///
/// # Errors
/// `io.write` when the folder is missing or not writable.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> OpResult<OutputFile> {
    let tmp = write_temp(path, bytes)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error("io.write", "write", path, &e));
    }
    Ok(OutputFile::describe(path, bytes))
}

/// Outputs written beside their destinations, moved into place all at once.
#[derive(Debug, Default)]
pub struct Staging {
    files: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staging {
    /// Stage `bytes` for `path`.
    ///
    /// # Errors
    /// `io.write` when the folder is missing or not writable.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> OpResult<OutputFile> {
        let tmp = write_temp(path, bytes)?;
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_path_buf(), tmp));
        Ok(OutputFile::describe(path, bytes))
    }

    /// Move every staged file into place, in the order written.
    ///
    /// # Errors
    /// `io.write` naming the first file that could not be moved (the staged
    /// files not yet moved are removed).
    pub fn commit(&self) -> OpResult<()> {
        let files = std::mem::take(
            &mut *self
                .files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let mut result = Ok(());
        for (path, tmp) in files {
            if result.is_ok() {
                if let Err(e) = std::fs::rename(&tmp, &path) {
                    result = Err(io_error("io.write", "write", &path, &e));
                    let _ = std::fs::remove_file(&tmp);
                }
            } else {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        result
    }

    /// Remove every staged file: nothing is written.
    pub fn discard(&self) {
        let files = std::mem::take(
            &mut *self
                .files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for (_, tmp) in files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Write a file whose content `fill` produces a piece at a time (a streamed read): a
/// temporary file beside `path`, then renamed into place, or staged with `staging`.
/// Nothing is left behind when `fill` fails.
///
/// # Errors
/// `io.write` when the folder is missing or not writable, and whatever `fill` returns.
pub fn write_streamed(
    path: &Path,
    staging: Option<&Staging>,
    fill: &mut dyn FnMut(&mut dyn Write) -> OpResult<()>,
) -> OpResult<OutputFile> {
    let (tmp, f) = create_temp(path)?;
    let mut w = Hashing {
        inner: std::io::BufWriter::with_capacity(1 << 16, f),
        hasher: Sha256::new(),
        bytes: 0,
    };
    let done = fill(&mut w).and_then(|()| {
        w.flush()
            .and_then(|()| w.inner.get_ref().sync_all())
            .map_err(|e| io_error("io.write", "write", path, &e))
    });
    let Hashing {
        inner,
        hasher,
        bytes,
    } = w;
    drop(inner);
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    match staging {
        Some(stage) => stage
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_path_buf(), tmp)),
        None => {
            if let Err(e) = std::fs::rename(&tmp, path) {
                let _ = std::fs::remove_file(&tmp);
                return Err(io_error("io.write", "write", path, &e));
            }
        }
    }
    Ok(OutputFile {
        path: path.display().to_string(),
        bytes,
        sha256: hex(&hasher.finalize()),
    })
}

/// A writer that counts and hashes what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Write `bytes` to a new temporary file beside `path`, flushed; return its name.
fn write_temp(path: &Path, bytes: &[u8]) -> OpResult<PathBuf> {
    let (tmp, mut f) = create_temp(path)?;
    let result = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error("io.write", "write", path, &e));
    }
    Ok(tmp)
}

/// A new, empty temporary file beside `path`.
fn create_temp(path: &Path) -> OpResult<(PathBuf, std::fs::File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file = path
        .file_name()
        .map_or_else(|| "out".into(), |f| f.to_string_lossy().into_owned());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = dir.join(format!(".{file}.{nanos:x}{n}.docskill-tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_error("io.write", "write", path, &e)),
        }
    }
}

impl OutputFile {
    /// The record of a written file.
    pub fn describe(path: &Path, bytes: &[u8]) -> Self {
        Self {
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        }
    }
}

pub(crate) fn hex(b: &[u8]) -> String {
    use std::fmt::Write as _;
    b.iter()
        .fold(String::with_capacity(b.len() * 2), |mut s, x| {
            let _ = write!(s, "{x:02x}");
            s
        })
}

/// Refuse to overwrite the input unless the request says `in_place`.
///
/// # Errors
/// `usage` when `output` names the same file as `input`.
pub fn guard_input(input: &Path, output: &Path, in_place: bool) -> OpResult<()> {
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same && !in_place {
        return Err(OpError::new(
            "usage",
            format!(
                "the output {} is the input; refusing to overwrite it",
                output.display()
            ),
        )
        .hint("write to another file, or set \"in_place\": true to replace the input"));
    }
    Ok(())
}
