//! What the network yields: who introduced whom to good effect, and how the
//! network grew month by month.

use super::children_of;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What one person's introductions led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Yield {
    /// The person who introduced others.
    pub person: String,
    /// People they introduced.
    pub introduced: usize,
    /// Of those, people you have held an interview with.
    pub held: usize,
    /// Distinct people that those introduced went on to introduce.
    pub onward: usize,
}

/// For everyone who introduced at least one person: what came of it. Most
/// introductions first, then most onward introductions, then by id.
pub fn referral_yield(edges: &[(String, String)], held_people: &BTreeSet<String>) -> Vec<Yield> {
    let children = children_of(edges, |_| true);
    let mut out: Vec<Yield> = children
        .iter()
        .map(|(&person, introduced)| {
            let onward: BTreeSet<&str> = introduced
                .iter()
                .filter_map(|&child| children.get(child))
                .flatten()
                .copied()
                .collect();
            Yield {
                person: person.to_owned(),
                introduced: introduced.len(),
                held: introduced
                    .iter()
                    .filter(|&&child| held_people.contains(child))
                    .count(),
                onward: onward.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.introduced
            .cmp(&a.introduced)
            .then(b.onward.cmp(&a.onward))
            .then_with(|| a.person.cmp(&b.person))
    });
    out
}

/// How the network grew: for every month from the first join to the last,
/// the first day of the month and how many people had joined by its end.
/// Months without joins repeat the total. A person listed twice counts once,
/// from their earliest date.
pub fn growth(joined: &[(String, NaiveDate)]) -> Vec<(NaiveDate, usize)> {
    let mut first_seen: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for (id, date) in joined {
        first_seen
            .entry(id)
            .and_modify(|d| *d = (*d).min(*date))
            .or_insert(*date);
    }
    let mut per_month: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for date in first_seen.values() {
        *per_month.entry(month_of(*date)).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (per_month.keys().next(), per_month.keys().next_back())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut total = 0;
    let mut month = Some(first);
    while let Some(this) = month.filter(|m| *m <= last) {
        total += per_month.get(&this).copied().unwrap_or(0);
        out.push((this, total));
        month = this.checked_add_months(Months::new(1));
    }
    out
}

fn month_of(date: NaiveDate) -> NaiveDate {
    // Every month has a first day; the fallback is never taken.
    date.with_day(1).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::network::tests::{edges, set};

    #[test]
    fn referral_yield_counts_by_hand() {
        // ann introduced bob, cat, dan; bob introduced eve and fay; cat
        // introduced fay too; gus introduced hal. Interviews held with bob,
        // dan and hal.
        let e = edges(&[
            ("ann", "bob"),
            ("ann", "cat"),
            ("ann", "dan"),
            ("ann", "dan"), // typed twice
            ("bob", "eve"),
            ("bob", "fay"),
            ("cat", "fay"),
            ("gus", "hal"),
            ("ivy", "ivy"),
        ]);
        let held = set(&["bob", "dan", "hal", "eve"]);
        let y = referral_yield(&e, &held);
        let row = |person: &str, introduced, held, onward| Yield {
            person: person.to_owned(),
            introduced,
            held,
            onward,
        };
        assert_eq!(
            y,
            vec![
                // onward: bob's eve and fay, cat's fay again -> {eve, fay}.
                row("ann", 3, 2, 2),
                // eve held; fay not.
                row("bob", 2, 1, 0),
                row("cat", 1, 0, 0),
                row("gus", 1, 1, 0),
            ]
        );
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn growth_by_month_with_gaps() {
        let joined = vec![
            ("a".to_owned(), date(2025, 11, 30)),
            ("b".to_owned(), date(2025, 11, 2)),
            ("c".to_owned(), date(2026, 2, 1)),
            ("a".to_owned(), date(2026, 1, 5)), // listed again later
            ("d".to_owned(), date(2026, 2, 28)),
        ];
        assert_eq!(
            growth(&joined),
            vec![
                (date(2025, 11, 1), 2),
                (date(2025, 12, 1), 2),
                (date(2026, 1, 1), 2),
                (date(2026, 2, 1), 4),
            ]
        );
        assert!(growth(&[]).is_empty());
    }
}
