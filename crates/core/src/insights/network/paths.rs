//! The warmest way in: a chain of introductions from someone you already
//! knew to someone at the organization or in the field you are after.

use super::children_of;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The shortest chain of introductions from someone you first knew to any of
/// `targets` (people at the chosen organization or in the chosen field), as
/// ids from that first person to the target, both included. A first-known
/// person who is a target is a chain of one. `None` when no target can be
/// reached.
///
/// Among chains of the same length the one that comes first comparing ids
/// from the start wins, so the answer never depends on input order.
pub fn warm_path(
    edges: &[(String, String)],
    known_first: &[String],
    targets: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let children = children_of(edges, |_| true);
    let mut roots: Vec<&str> = known_first.iter().map(String::as_str).collect();
    roots.sort_unstable();
    roots.dedup();
    // Walking in sorted order keeps each layer of the queue in the order of
    // the chains leading to it, so the first target met is the smallest
    // shortest chain.
    let mut came_from: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    let mut queue = VecDeque::new();
    for root in roots {
        came_from.insert(root, None);
        queue.push_back(root);
    }
    while let Some(person) = queue.pop_front() {
        if targets.contains(person) {
            return Some(chain_to(person, &came_from));
        }
        for &child in children.get(person).into_iter().flatten() {
            if !came_from.contains_key(child) {
                came_from.insert(child, Some(person));
                queue.push_back(child);
            }
        }
    }
    None
}

fn chain_to(end: &str, came_from: &BTreeMap<&str, Option<&str>>) -> Vec<String> {
    let mut chain = vec![end.to_owned()];
    let mut at = end;
    // Each person was recorded after the one before them, so this ends.
    while let Some(&Some(before)) = came_from.get(at) {
        chain.push(before.to_owned());
        at = before;
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::network::tests::{edges, ids, set};

    #[test]
    fn warm_path_takes_the_shorter_route() {
        // me -> a -> b -> target, and me -> c -> target.
        let e = edges(&[
            ("me", "a"),
            ("a", "b"),
            ("b", "target"),
            ("me", "c"),
            ("c", "target"),
        ]);
        let path = warm_path(&e, &ids(&["me"]), &set(&["target"]));
        assert_eq!(path, Some(ids(&["me", "c", "target"])));
    }

    #[test]
    fn warm_path_ties_go_to_the_smallest_ids() {
        // Two roots, two chains of two introductions each, two targets.
        let e = edges(&[
            ("r2", "m1"),
            ("m1", "t1"),
            ("r1", "m2"),
            ("m2", "t2"),
            ("r1", "m3"),
            ("m3", "t2"),
        ]);
        let path = warm_path(&e, &ids(&["r2", "r1"]), &set(&["t1", "t2"]));
        assert_eq!(path, Some(ids(&["r1", "m2", "t2"])));
    }

    #[test]
    fn warm_path_edge_cases() {
        let e = edges(&[("me", "a"), ("a", "me"), ("a", "a")]);
        // A first-known person who is a target.
        assert_eq!(
            warm_path(&e, &ids(&["me", "you"]), &set(&["you", "a"])),
            Some(ids(&["you"]))
        );
        // The cycle is walked once and nothing is found.
        assert_eq!(warm_path(&e, &ids(&["me"]), &set(&["nobody"])), None);
        assert_eq!(warm_path(&e, &[], &set(&["a"])), None);
    }
}
