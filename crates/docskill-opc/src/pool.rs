//! Independent tasks handed to the caller's threads, if it has any.
//!
//! Format crates start no threads of their own (they build for
//! `wasm32-wasip1`, where threads cannot start); where their work splits into
//! independent pieces they give the pieces to a [`Pool`] that the caller
//! provides: the ops layer runs them on rayon's pool, [`Pool::SEQUENTIAL`]
//! runs them one after another. Results never depend on which is used.
//!
//! ```
//! use docskill_opc::pool::Pool;
//! let squares = Pool::SEQUENTIAL.map(vec![1, 2, 3], |x| x * x);
//! assert_eq!(squares, [1, 4, 9]);
//! ```

/// A function that runs every task of a batch once, in any order and
/// possibly at the same time, and returns when all have run.
pub type RunTasks<'a> = &'a (dyn Fn(&mut [&mut (dyn FnMut() + Send)]) + Sync);

/// The caller's threads: how many there are, and how to run tasks on them.
#[derive(Clone, Copy)]
pub struct Pool<'a> {
    /// Threads that run tasks at the same time (1: one after another). Work
    /// is split only when this is above 1; the results are the same.
    pub threads: usize,
    /// Runs a batch of tasks.
    pub run: RunTasks<'a>,
}

impl std::fmt::Debug for Pool<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

fn in_order(tasks: &mut [&mut (dyn FnMut() + Send)]) {
    for t in tasks {
        t();
    }
}

impl Pool<'static> {
    /// Runs every task on the calling thread, one after another.
    pub const SEQUENTIAL: Pool<'static> = Pool {
        threads: 1,
        run: &in_order,
    };
}

impl Pool<'_> {
    /// `f` applied to every item (as tasks of one batch); the results in the
    /// items' order.
    pub fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
        if items.is_empty() {
            return Vec::new();
        }
        let mut slots: Vec<(Option<T>, Option<R>)> =
            items.into_iter().map(|t| (Some(t), None)).collect();
        let f = &f;
        let mut tasks: Vec<_> = slots
            .iter_mut()
            .map(|(item, out)| {
                move || {
                    if let Some(t) = item.take() {
                        *out = Some(f(t));
                    }
                }
            })
            .collect();
        let mut refs: Vec<&mut (dyn FnMut() + Send)> = tasks
            .iter_mut()
            .map(|t| t as &mut (dyn FnMut() + Send))
            .collect();
        (self.run)(&mut refs);
        drop(refs);
        drop(tasks);
        // A task the pool left out runs here.
        slots
            .into_iter()
            .filter_map(|(item, out)| out.or_else(|| item.map(f)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Pool;

    #[test]
    fn map_keeps_the_order_whatever_order_tasks_run_in() {
        let backwards = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
            for t in tasks.iter_mut().rev() {
                t();
            }
        };
        let pool = Pool {
            threads: 2,
            run: &backwards,
        };
        let words = vec!["a".to_owned(), "bb".to_owned(), "ccc".to_owned()];
        assert_eq!(pool.map(words, |w| w.len()), [1, 2, 3]);
        assert_eq!(
            Pool::SEQUENTIAL.map(Vec::<u8>::new(), |x| x),
            Vec::<u8>::new()
        );
        let lazy = Pool {
            threads: 2,
            run: &|tasks: &mut [&mut (dyn FnMut() + Send)]| tasks[0](),
        };
        assert_eq!(lazy.map(vec![1, 2, 3], |x| x + 1), [2, 3, 4]);
    }
}
