//! `xlsx.build` on two cores: one thread parses the spec's rows while the builder writes
//! the rows already parsed.
//!
//! The spec is read with [`docskill_xlsx::spec::parse_deferred`], which keeps each sheet's
//! `rows` as JSON text. A second thread parses that text a batch of rows at a time and
//! sends the batches through a bounded channel; the builder takes them in order through
//! [`RowFeed`]. The workbook is byte-identical to a single-threaded build, and at most a
//! few batches of parsed rows exist at once. Where threads cannot start (wasm32-wasip1)
//! the builder parses on its own thread.
//!
//! Written batches go back to the parser thread to be freed there: glibc frees memory
//! allocated by another thread under that thread's arena lock, which both threads would
//! then fight over for every string of the sheet.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use docskill_xlsx::spec::{CellSpec, RawRows, RowsRef};
use docskill_xlsx::{BuildOptions, BuildSummary, Error, ParseFeed, RowFeed, WorkbookSpec};

/// Rows per message.
const BATCH: usize = 512;
/// Messages parsed ahead of the writer.
const AHEAD: usize = 4;

type Batch = Vec<Vec<CellSpec>>;

enum Msg {
    Rows(Batch),
    /// The end of one sheet's rows.
    End,
    Failed(Error),
}

/// Build `spec`, parsing raw rows on a second thread when it can start one.
pub(super) fn build(
    spec: &WorkbookSpec,
    opts: &BuildOptions,
) -> Result<(Vec<u8>, BuildSummary), Error> {
    let raws: Vec<&RawRows> = spec
        .sheets
        .iter()
        .filter_map(|s| match s.rows.get() {
            RowsRef::Raw(r) => Some(r),
            RowsRef::Parsed(_) => None,
        })
        .collect();
    if raws.is_empty() {
        return docskill_xlsx::build(spec, opts);
    }
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel(AHEAD);
        let (done_tx, done_rx) = sync_channel(AHEAD * 2);
        let parser = std::thread::Builder::new()
            .name("xlsx-rows".into())
            .spawn_scoped(scope, move || parse_all(&raws, &tx, &done_rx));
        if parser.is_err() {
            return docskill_xlsx::build_with_feed(spec, opts, &mut ParseFeed);
        }
        // The feed (and with it the receiver) is dropped when the build returns, so a
        // parser still sending after an early error stops at its next send.
        docskill_xlsx::build_with_feed(spec, opts, &mut ChannelFeed { rx, done: done_tx })
    })
}

/// Parse every sheet's raw rows in order, sending them in batches; stop when the builder
/// has gone.
fn parse_all(raws: &[&RawRows], tx: &SyncSender<Msg>, done: &Receiver<Batch>) {
    for raw in raws {
        let mut batch = Vec::with_capacity(BATCH);
        let parsed = raw.for_each_row(|row| {
            batch.push(row);
            if batch.len() == BATCH {
                done.try_iter().for_each(drop);
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                tx.send(Msg::Rows(full))
                    .map_err(|_| stopped("the workbook writer"))?;
            }
            Ok(())
        });
        let sent = match parsed {
            Ok(()) => tx.send(Msg::Rows(batch)).and_then(|()| tx.send(Msg::End)),
            Err(e) => tx.send(Msg::Failed(e)),
        };
        if sent.is_err() {
            return;
        }
    }
}

/// The other side of the channel went away (`who` stopped).
fn stopped(who: &str) -> Error {
    Error::Write {
        at: "rows".into(),
        message: format!("{who} stopped"),
    }
}

/// Rows as the parser thread sends them; written batches go back to it.
struct ChannelFeed {
    rx: Receiver<Msg>,
    done: SyncSender<Batch>,
}

impl RowFeed for ChannelFeed {
    fn rows(
        &mut self,
        _: &RawRows,
        sink: &mut dyn FnMut(&mut Vec<CellSpec>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        loop {
            match self.rx.recv() {
                Ok(Msg::Rows(mut batch)) => {
                    batch.iter_mut().try_for_each(&mut *sink)?;
                    // Freed here when the parser has finished (or its queue is full).
                    let _ = self.done.try_send(batch);
                }
                Ok(Msg::End) => return Ok(()),
                Ok(Msg::Failed(e)) => return Err(e),
                Err(_) => return Err(stopped("the row parser")),
            }
        }
    }
}
