//! Where to draw each person in the network picture: one column per depth,
//! people you first knew on the left, each introduction one column further
//! right. Within a column, people are ordered by the row of whoever
//! introduced them, so children sit in the same order as their referrers and
//! lines between two columns never cross.

use super::{children_of, depths, invert};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One person's place in the drawing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodePos {
    /// The person.
    pub id: String,
    /// Column: introductions away from someone you first knew (see
    /// [`depths`]).
    pub depth: usize,
    /// Position within the column, from 0, without gaps.
    pub row: usize,
}

/// The whole drawing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// Every person once, by depth and then row.
    pub nodes: Vec<NodePos>,
    /// Number of columns (the deepest depth plus one; 0 with nobody).
    pub depth_count: usize,
    /// People in the fullest column, for the height of the picture.
    pub max_rows: usize,
}

/// Lays out `people` in columns by depth. Column 0 is in id order; in every
/// later column a person follows the row of their referrer in the column
/// before (the topmost such row when there are several), then their id.
/// People listed twice appear once.
pub fn layout(people: &[String], edges: &[(String, String)]) -> Layout {
    let depth = depths(people, edges);
    let referrers = invert(&children_of(edges, |id| depth.contains_key(id)));
    let mut columns: Vec<Vec<&str>> = Vec::new();
    for (id, &d) in &depth {
        if columns.len() <= d {
            columns.resize_with(d + 1, Vec::new);
        }
        columns[d].push(id);
    }
    let mut row_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut nodes = Vec::with_capacity(depth.len());
    let none = BTreeSet::new();
    for (d, column) in columns.iter().enumerate() {
        let mut keyed: Vec<(Option<usize>, &str)> = column
            .iter()
            .map(|&id| {
                let parent_row = referrers
                    .get(id)
                    .unwrap_or(&none)
                    .iter()
                    .filter(|r| d > 0 && depth.get(**r) == Some(&(d - 1)))
                    .filter_map(|r| row_of.get(r).copied())
                    .min();
                (parent_row, id)
            })
            .collect();
        keyed.sort_unstable();
        for (row, (_, id)) in keyed.into_iter().enumerate() {
            row_of.insert(id, row);
            nodes.push(NodePos {
                id: id.to_owned(),
                depth: d,
                row,
            });
        }
    }
    Layout {
        nodes,
        depth_count: columns.len(),
        max_rows: columns.iter().map(Vec::len).max().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::network::tests::{edges, ids};

    fn placed(layout: &Layout) -> Vec<(&str, usize, usize)> {
        layout
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.depth, n.row))
            .collect()
    }

    #[test]
    fn nobody_is_an_empty_picture() {
        assert_eq!(layout(&[], &[]), Layout::default());
    }

    #[test]
    fn children_follow_their_referrers_order() {
        // Roots amy and zed; zed's child "b" sorts before amy's "c" by id but
        // must sit below it, as zed sits below amy.
        let people = ids(&["zed", "amy", "b", "c", "d", "e"]);
        let e = edges(&[("amy", "c"), ("zed", "b"), ("amy", "d"), ("b", "e")]);
        let l = layout(&people, &e);
        assert_eq!(
            placed(&l),
            vec![
                ("amy", 0, 0),
                ("zed", 0, 1),
                ("c", 1, 0),
                ("d", 1, 1),
                ("b", 1, 2),
                ("e", 2, 0),
            ]
        );
        assert_eq!((l.depth_count, l.max_rows), (3, 3));
    }

    #[test]
    fn a_chain_is_one_row_deep() {
        let people = ids(&["c", "b", "a", "a"]);
        let l = layout(&people, &edges(&[("a", "b"), ("b", "c")]));
        assert_eq!(placed(&l), vec![("a", 0, 0), ("b", 1, 0), ("c", 2, 0)]);
        assert_eq!((l.depth_count, l.max_rows), (3, 1));
    }

    #[test]
    fn two_referrers_place_a_child_by_the_topmost() {
        // x was introduced by both p (row 0) and q (row 1); y only by q.
        let people = ids(&["p", "q", "x", "y"]);
        let e = edges(&[("q", "x"), ("p", "x"), ("q", "y")]);
        let l = layout(&people, &e);
        assert_eq!(
            placed(&l),
            vec![("p", 0, 0), ("q", 0, 1), ("x", 1, 0), ("y", 1, 1)]
        );
    }
}
