//! Chunked deflate: a large part compressed in fixed-size chunks that can be
//! compressed independently (by the caller's threads, if it has any) and
//! concatenated into one valid deflate stream.
//!
//! Each chunk of [`CHUNK`] input bytes is compressed on its own, primed with
//! the 32 KiB of input before it as the dictionary (so matches across the
//! boundary are still found), and ends with a sync flush (an empty stored
//! block, byte-aligned); the last chunk ends the stream. This is the technique
//! of `pigz`. Chunk boundaries depend only on the input, so the output is the
//! same bytes whether the chunks are compressed one by one or in parallel.
//!
//! This crate runs no threads: [`deflate_pieces`] makes and compresses each
//! piece in one task on the caller's [`Pool`] (one after another with
//! [`Pool::SEQUENTIAL`]). When the bytes themselves are made in pieces that
//! can be made independently (a part patched range by range), making them
//! runs in parallel too; each task makes its own dictionary.

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::pool::Pool;

/// Input bytes per independently compressed chunk.
pub const CHUNK: usize = 1 << 20;

/// The deflate window: the input before a chunk that primes its compressor.
pub const WINDOW: usize = 32 * 1024;

/// Compression level of chunked parts: zlib-rs's fast strategy, about a third
/// less CPU than level 3 for a file a few percent larger.
const LEVEL: u32 = 2;

/// One chunk to compress: `data`, primed with `dict` (the input just before it).
#[derive(Debug, Clone, Copy)]
pub struct DeflateJob<'a> {
    /// Up to 32 KiB of input that precedes `data` (empty for the first chunk).
    pub dict: &'a [u8],
    /// The chunk's bytes.
    pub data: &'a [u8],
    /// True for the last chunk, which ends the deflate stream.
    pub last: bool,
}

impl DeflateJob<'_> {
    /// Compresses the chunk: a piece of a raw deflate stream that ends with a
    /// sync flush, or with the final block when `last`.
    pub fn run(&self) -> Vec<u8> {
        let mut c = Compress::new(Compression::new(LEVEL), false);
        if !self.dict.is_empty() {
            // A raw stream accepts a dictionary before its first byte; zlib-rs
            // fails only for a stream already started, which this one is not.
            let _ = c.set_dictionary(self.dict);
        }
        let flush = if self.last {
            FlushCompress::Finish
        } else {
            FlushCompress::Sync
        };
        let mut out = Vec::with_capacity(self.data.len() / 4 + 64);
        let mut used = 0usize;
        loop {
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(4096));
            }
            let before = c.total_in();
            let status = c.compress_vec(&self.data[used..], &mut out, flush);
            used += usize::try_from(c.total_in() - before).unwrap_or(0);
            match status {
                // Compressing into a growing Vec does not fail; stop rather than loop.
                Ok(Status::StreamEnd) | Err(_) => break,
                // A sync flush is complete once all input is taken and the
                // output was not filled up to its capacity.
                Ok(Status::Ok | Status::BufError)
                    if !self.last && used == self.data.len() && out.len() < out.capacity() =>
                {
                    break;
                }
                Ok(_) => {}
            }
        }
        out
    }
}

/// A part's deflated bytes with what its zip entry records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deflated {
    /// CRC-32 of the uncompressed bytes.
    pub crc32: u32,
    /// The raw deflate stream.
    pub data: Vec<u8>,
    /// Uncompressed size.
    pub size: u64,
}

/// Pieces made and compressed per batch of tasks: enough to keep every
/// thread busy, few enough that at most this many pieces' compressed bytes
/// wait to be appended.
const TASKS_PER_THREAD: usize = 16;

/// Deflates a part made of `count` pieces: `produce(i, dict, data)` writes
/// piece `i` into `data` and, into `dict`, the bytes of the part just before
/// piece `i` (at least the last [`WINDOW`] of them, or all when fewer; only
/// the last [`WINDOW`] are used). Both buffers come empty.
///
/// Each piece is made and compressed in one task on `pool`, in batches, so
/// only a few pieces are held at a time. Each compressed piece ends with a
/// sync flush (the last ends the stream) and they are appended in order: the
/// output depends only on the pieces, not on the pool or the order tasks run
/// in. `count == 0` gives an empty part.
///
/// ```
/// use std::io::Read;
/// use docskill_opc::{deflate::deflate_pieces, pool::Pool};
/// let data = b"<row><c><v>1</v></c></row>".repeat(10_000);
/// let piece = |i: usize, dict: &mut Vec<u8>, out: &mut Vec<u8>| -> Result<(), ()> {
///     dict.extend_from_slice(&data[..i * 100_000]);
///     out.extend_from_slice(&data[i * 100_000..((i + 1) * 100_000).min(data.len())]);
///     Ok(())
/// };
/// let part = deflate_pieces(3, piece, Pool::SEQUENTIAL).unwrap();
/// assert_eq!(part.crc32, crc32fast::hash(&data));
/// let mut back = Vec::new();
/// flate2::read::DeflateDecoder::new(&part.data[..]).read_to_end(&mut back).unwrap();
/// assert_eq!(back, data);
/// ```
///
/// # Errors
/// The first error `produce` returns, in piece order.
pub fn deflate_pieces<E: Send>(
    count: usize,
    produce: impl Fn(usize, &mut Vec<u8>, &mut Vec<u8>) -> Result<(), E> + Sync,
    pool: Pool<'_>,
) -> Result<Deflated, E> {
    let one = |i: usize| -> Result<(crc32fast::Hasher, Vec<u8>), E> {
        let mut dict = Vec::new();
        let mut data = Vec::with_capacity(CHUNK + CHUNK / 8);
        produce(i, &mut dict, &mut data)?;
        let mut crc = crc32fast::Hasher::new();
        crc.update(&data);
        let job = DeflateJob {
            dict: &dict[dict.len().saturating_sub(WINDOW)..],
            data: &data,
            last: i + 1 == count,
        };
        Ok((crc, job.run()))
    };
    let mut crc = crc32fast::Hasher::new();
    let mut out = Vec::new();
    if count == 0 {
        out = DeflateJob {
            dict: &[],
            data: &[],
            last: true,
        }
        .run();
    }
    let batch = pool.threads.max(1) * TASKS_PER_THREAD;
    let mut start = 0;
    while start < count {
        let end = (start + batch).min(count);
        for piece in pool.map((start..end).collect(), one) {
            let (c, data) = piece?;
            crc.combine(&c);
            out.extend_from_slice(&data);
        }
        if start == 0 && end < count {
            // Room for the whole part at once, guessed from the first batch
            // (with a tenth more), so the bytes are not copied as it grows.
            let guess = (out.len() / end).saturating_mul(count);
            out.reserve_exact((guess + guess / 10).saturating_sub(out.len()));
        }
        start = end;
    }
    Ok(Deflated {
        size: crc.total_len(),
        crc32: crc.finalize(),
        data: out,
    })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::{CHUNK, DeflateJob, deflate_pieces};
    use crate::pool::Pool;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut back)
            .unwrap();
        back
    }

    /// Text with some repetition over a long distance, `n` bytes.
    fn sample(n: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(n + 64);
        let mut i = 0u64;
        while v.len() < n {
            v.extend_from_slice(format!("<c r=\"A{i}\"><v>{}</v></c>", i * 7919 % 1013).as_bytes());
            i += 1;
        }
        v.truncate(n);
        v
    }

    /// Pieces of `data` cut at `cuts`, as `deflate_pieces` takes them.
    fn cut(data: &[u8], cuts: &[usize], pool: Pool<'_>) -> super::Deflated {
        let piece = |i: usize, dict: &mut Vec<u8>, out: &mut Vec<u8>| -> Result<(), ()> {
            dict.extend_from_slice(&data[..cuts[i]]);
            out.extend_from_slice(&data[cuts[i]..cuts[i + 1]]);
            Ok(())
        };
        deflate_pieces(cuts.len() - 1, piece, pool).unwrap()
    }

    /// `data` cut every `CHUNK` bytes.
    fn chunked(data: &[u8]) -> super::Deflated {
        let mut cuts: Vec<usize> = (0..data.len()).step_by(CHUNK).collect();
        cuts.push(data.len());
        cut(data, &cuts, Pool::SEQUENTIAL)
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        for n in [
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            9 * CHUNK,
            9 * CHUNK + 17,
            20 * CHUNK + 3,
        ] {
            let data = sample(n);
            let d = chunked(&data);
            assert_eq!(d.size, n as u64);
            assert_eq!(d.crc32, crc32fast::hash(&data));
            assert!(inflate(&d.data) == data, "{n} bytes");
        }
    }

    #[test]
    fn the_dictionary_keeps_the_ratio() {
        let data = sample(4 * CHUNK);
        let pieces = chunked(&data);
        let whole = DeflateJob {
            dict: &[],
            data: &data,
            last: true,
        }
        .run();
        assert!(
            pieces.data.len() < whole.len() + whole.len() / 50,
            "{} against {}",
            pieces.data.len(),
            whole.len()
        );
    }

    #[test]
    fn pieces_make_one_stream_whatever_runs_them() {
        let data = sample(5 * CHUNK + 99);
        let backwards = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
            for t in tasks.iter_mut().rev() {
                t();
            }
        };
        // Uneven pieces, one of one byte; more pieces than a batch.
        let mut cuts: Vec<usize> = (0..40).map(|i| i * CHUNK / 8).collect();
        cuts.extend([5 * CHUNK, 5 * CHUNK + 1, data.len()]);
        let a = cut(&data, &cuts, Pool::SEQUENTIAL);
        assert_eq!(a.size, data.len() as u64);
        assert_eq!(a.crc32, crc32fast::hash(&data));
        assert!(inflate(&a.data) == data);
        for threads in [2, 7] {
            let pool = Pool {
                threads,
                run: &backwards,
            };
            assert_eq!(cut(&data, &cuts, pool), a, "{threads} threads");
        }
        // No pieces: an empty part.
        let empty = cut(&[], &[0], Pool::SEQUENTIAL);
        assert_eq!((empty.size, empty.crc32), (0, 0));
        assert!(inflate(&empty.data).is_empty());
    }

    #[test]
    fn the_first_failing_piece_is_the_error() {
        let fail = |i: usize, _: &mut Vec<u8>, out: &mut Vec<u8>| {
            if i % 10 == 3 {
                return Err(i);
            }
            out.push(b'x');
            Ok(())
        };
        assert_eq!(deflate_pieces(30, fail, Pool::SEQUENTIAL), Err(3));
        assert_eq!(deflate_pieces(3, fail, Pool::SEQUENTIAL).unwrap().size, 3);
    }
}
