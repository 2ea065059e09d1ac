//! Counts the SQL statements the store sends, for the tests and benchmarks
//! that check a page's work does not grow with the account. sqlx reports
//! each statement it runs as a `tracing` event with the target `sqlx::query`;
//! this subscriber counts those events (but not the pragmas a new pooled
//! connection sets itself up with) and ignores everything else.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

const TARGET: &str = "sqlx::query";

/// A running count of statements, shared with the subscriber that feeds it.
#[derive(Debug, Clone, Default)]
pub struct Counter(Arc<State>);

#[derive(Debug, Default)]
struct State {
    on: AtomicBool,
    count: AtomicU64,
    /// The statements counted since the last `take`, with their seconds.
    seen: Mutex<Vec<(String, f64)>>,
}

impl Counter {
    /// Installs a counter as the process's subscriber. Fails when another
    /// subscriber was installed first (the count would then be silently 0).
    pub fn install() -> Result<Counter, String> {
        let counter = Counter::default();
        counter.counting(true);
        tracing::subscriber::set_global_default(Counting(counter.clone()))
            .map_err(|e| format!("cannot count statements: {e}"))?;
        Ok(counter)
    }

    /// Statements counted so far.
    pub fn total(&self) -> u64 {
        self.0.count.load(Ordering::SeqCst)
    }

    /// The statements counted since the last call, each with the seconds
    /// it took, slowest first: where a page's time goes.
    pub fn take(&self) -> Vec<(String, f64)> {
        let mut seen = self
            .0
            .seen
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        seen.sort_by(|a, b| b.1.total_cmp(&a.1));
        seen
    }

    /// Starts or stops counting; while stopped, sqlx is told no one listens,
    /// so measurements of speed are not slowed by the counting.
    pub fn counting(&self, on: bool) {
        self.0.on.store(on, Ordering::SeqCst);
    }
}

struct Counting(Counter);

impl Subscriber for Counting {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        // Asked again on every statement, since counting can be switched on and off.
        if metadata.target() == TARGET {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == TARGET && self.0.0.on.load(Ordering::SeqCst)
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        if event.metadata().target() == TARGET && self.0.0.on.load(Ordering::SeqCst) {
            let mut fields = Fields::default();
            event.record(&mut fields);
            // A new pooled connection sets itself up with pragmas: the pool's
            // work, whenever it happens to open one, not the page's.
            if fields
                .sql
                .get(..6)
                .is_some_and(|s| s.eq_ignore_ascii_case("pragma"))
            {
                return;
            }
            self.0.0.count.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut seen) = self.0.0.seen.lock() {
                seen.push((fields.sql, fields.seconds));
            }
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// The statement's text and time, from sqlx's event.
#[derive(Default)]
struct Fields {
    sql: String,
    seconds: f64,
}

impl tracing::field::Visit for Fields {
    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        if field.name() == "elapsed_secs" {
            self.seconds = value;
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "db.statement" && !value.trim().is_empty() {
            self.sql = value.trim().to_owned();
        } else if field.name() == "summary" && self.sql.is_empty() {
            self.sql = value.to_owned();
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" && self.sql.is_empty() {
            self.sql = format!("{value:?}");
        }
    }
}
