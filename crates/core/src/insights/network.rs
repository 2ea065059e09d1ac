//! The network of introductions. The handout: "ask if they would give the
//! names of others to talk to", and "this is the first step in developing
//! your contact network". An edge `(referrer, referred)` says the first person
//! introduced the second; people are plain ids.
//!
//! The stored data is typed by hand, so every function here survives what a
//! graph of hand-typed referrals can hold: people referring themselves,
//! cycles, and referrers who are not (or no longer) among the people.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

mod growth;
mod layout;
mod paths;

pub use growth::{Yield, growth, referral_yield};
pub use layout::{Layout, NodePos, layout};
pub use paths::warm_path;

/// Whom each person introduced, in id order. Self-referrals are dropped, and
/// so is any edge with an end `keep` refuses.
fn children_of(
    edges: &[(String, String)],
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut children: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to) in edges {
        if from != to && keep(from) && keep(to) {
            children.entry(from).or_default().insert(to);
        }
    }
    children
}

/// How many introductions away from the people you first knew each person
/// is: 0 for someone nobody referred, else one more than their referrer.
///
/// Only the given people get a depth, and only edges between two of them
/// count, so someone whose referrer is missing from `people` is a root. With
/// several referrers the nearest one wins. A group of people who only refer
/// each other in a circle, with nobody else referring into it, has no natural
/// root; the smallest id in the circle is taken as one, so every person gets
/// a depth and the walk always ends.
pub fn depths(people: &[String], edges: &[(String, String)]) -> BTreeMap<String, usize> {
    let known: BTreeSet<&str> = people.iter().map(String::as_str).collect();
    let children = children_of(edges, |id| known.contains(id));
    let referred: BTreeSet<&str> = children.values().flatten().copied().collect();
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    let roots: Vec<&str> = known.difference(&referred).copied().collect();
    spread(&children, &roots, &mut depth);
    let referrers = invert(&children);
    for &person in &known {
        if !depth.contains_key(person) {
            let root = circle_root(person, &children, &referrers, &depth);
            spread(&children, &[root], &mut depth);
        }
    }
    depth
        .into_iter()
        .map(|(id, d)| (id.to_owned(), d))
        .collect()
}

fn invert<'a>(
    children: &BTreeMap<&'a str, BTreeSet<&'a str>>,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut referrers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (&from, to) in children {
        for &child in to {
            referrers.entry(child).or_default().insert(from);
        }
    }
    referrers
}

/// Everyone reachable from `from` along `next` without passing a placed
/// person, `from` included.
fn reach<'a>(
    from: &'a str,
    next: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    placed: &BTreeMap<&str, usize>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::from([from]);
    let mut stack = vec![from];
    while let Some(at) = stack.pop() {
        for &other in next.get(at).into_iter().flatten() {
            if !placed.contains_key(other) && seen.insert(other) {
                stack.push(other);
            }
        }
    }
    seen
}

/// The root for an unplaced `start`: everyone unplaced has an unplaced
/// referrer, so the referrals above `start` run into a circle. The root is
/// taken from a circle nobody outside it feeds (else a person merely below a
/// circle could become a root), as the smallest id in that circle.
fn circle_root<'a>(
    start: &'a str,
    children: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    referrers: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    placed: &BTreeMap<&str, usize>,
) -> &'a str {
    let mut at = start;
    loop {
        let above = reach(at, referrers, placed);
        let below = reach(at, children, placed);
        // Someone above `at` who cannot be reached from it lies further up.
        // Their own "above" lacks `at`, so it shrinks every time round and
        // the loop ends.
        match above.iter().find(|id| !below.contains(*id)) {
            Some(&higher) => at = higher,
            None => return above.first().copied().unwrap_or(at),
        }
    }
}

/// Breadth-first from `starts` (depth 0), giving each person not yet placed
/// the depth at which the walk first meets them.
fn spread<'a>(
    children: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    starts: &[&'a str],
    depth: &mut BTreeMap<&'a str, usize>,
) {
    let mut queue = VecDeque::new();
    for &start in starts {
        if !depth.contains_key(start) {
            depth.insert(start, 0);
            queue.push_back((start, 0));
        }
    }
    while let Some((person, d)) = queue.pop_front() {
        for &child in children.get(person).into_iter().flatten() {
            if !depth.contains_key(child) {
                depth.insert(child, d + 1);
                queue.push_back((child, d + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    pub(super) fn edges(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    pub(super) fn set(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn depth_list(map: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
        map.iter().map(|(k, v)| (k.as_str(), *v)).collect()
    }

    #[test]
    fn depths_of_a_tree() {
        let people = ids(&["ann", "bob", "cat", "dan", "eve"]);
        let e = edges(&[("ann", "bob"), ("bob", "cat"), ("ann", "dan")]);
        let d = depths(&people, &e);
        assert_eq!(
            depth_list(&d),
            vec![("ann", 0), ("bob", 1), ("cat", 2), ("dan", 1), ("eve", 0)]
        );
    }

    #[test]
    fn depths_survive_dangling_referrers_cycles_and_self_referrals() {
        let people = ids(&["a", "b", "c", "x", "y", "z"]);
        let e = edges(&[
            ("gone", "a"), // referrer no longer listed: ignored
            ("a", "b"),
            ("b", "a"), // a circle: a, the smaller id, becomes its root
            ("z", "y"), // y and z refer each other, nobody else reaches them
            ("y", "z"),
            ("c", "c"), // self-referral is ignored
            ("c", "x"),
            ("a", "x"), // two referrers at depth 0: x is 1 either way
        ]);
        let d = depths(&people, &e);
        assert_eq!(
            depth_list(&d),
            vec![("a", 0), ("b", 1), ("c", 0), ("x", 1), ("y", 0), ("z", 1)]
        );
    }

    #[test]
    fn a_missing_referrer_makes_a_root() {
        let d = depths(&ids(&["p", "q"]), &edges(&[("gone", "p"), ("p", "q")]));
        assert_eq!(depth_list(&d), vec![("p", 0), ("q", 1)]);
    }

    #[test]
    fn the_root_comes_from_the_circle_not_from_below_it() {
        // y and z refer each other and z referred a; a has the smallest id
        // but is below the circle.
        let people = ids(&["a", "b", "y", "z"]);
        let e = edges(&[("y", "z"), ("z", "y"), ("z", "a"), ("a", "b")]);
        let d = depths(&people, &e);
        assert_eq!(depth_list(&d), vec![("a", 2), ("b", 3), ("y", 0), ("z", 1)]);
        // A circle fed by another circle: the upper one gives the root.
        let people = ids(&["a", "b", "x", "y"]);
        let e = edges(&[("a", "b"), ("b", "a"), ("x", "y"), ("y", "x"), ("y", "a")]);
        let d = depths(&people, &e);
        assert_eq!(depth_list(&d), vec![("a", 2), ("b", 3), ("x", 0), ("y", 1)]);
    }

    #[test]
    fn depth_takes_the_nearest_referrer() {
        let people = ids(&["r", "m", "n", "t"]);
        let e = edges(&[("r", "m"), ("m", "n"), ("n", "t"), ("r", "t")]);
        assert_eq!(depths(&people, &e)["t"], 1);
    }
}
