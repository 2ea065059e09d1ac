//! The geometry of the SVG charts drawn in the templates: bars and points
//! placed in a fixed coordinate box that the browser scales (`viewBox`).
//! No script, no chart library: every chart is plain SVG with a `<title>`,
//! and its numbers are also in a table beside it.

/// One bar of a chart, in the chart's coordinates.
pub(crate) struct Bar {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// What the bar stands for (shown under or beside it).
    pub(crate) label: String,
    pub(crate) value: u64,
}

/// Vertical bars, one per value, side by side in a `width` × `height` box
/// with room for a label line below.
pub(crate) fn columns(values: &[(String, u64)], width: u32, height: u32) -> Vec<Bar> {
    let count = u32::try_from(values.len()).unwrap_or(u32::MAX).max(1);
    let slot = width / count;
    let top = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    values
        .iter()
        .zip(0u32..)
        .map(|((label, value), i)| {
            let h = scale(*value, top, height);
            Bar {
                x: i * slot + slot / 8,
                y: height - h,
                width: (slot * 3 / 4).max(1),
                height: h,
                label: label.clone(),
                value: *value,
            }
        })
        .collect()
}

/// Horizontal bars, one per row of `row` units, as long as their share of
/// the largest value allows within `width`.
pub(crate) fn rows(values: &[(String, u64)], width: u32, row: u32) -> Vec<Bar> {
    let top = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    values
        .iter()
        .zip(0u32..)
        .map(|((label, value), i)| Bar {
            x: 0,
            y: i * row,
            width: scale(*value, top, width).max(1),
            height: row * 3 / 4,
            label: label.clone(),
            value: *value,
        })
        .collect()
}

/// `value / top` of `length`, rounded, in whole units.
fn scale(value: u64, top: u64, length: u32) -> u32 {
    let scaled = u128::from(value) * u128::from(length) / u128::from(top.max(1));
    u32::try_from(scaled).unwrap_or(length)
}

/// A point of a 1-to-5 rating scatter.
pub(crate) struct Point {
    pub(crate) cx: u32,
    pub(crate) cy: u32,
    /// What it is, for its `<title>`.
    pub(crate) label: String,
    pub(crate) href: String,
}

/// Side of the scatter's plotting square, and the margin for its axes.
pub(crate) const SCATTER: u32 = 200;
pub(crate) const MARGIN: u32 = 30;

/// Places `(x rating, y rating)` pairs (1 to 5) on the scatter; pairs that
/// fall on the same spot are set a little apart so each stays visible.
pub(crate) fn scatter(points: &[(u8, u8, String, String)]) -> Vec<Point> {
    let step = SCATTER / 5;
    let mut seen: Vec<(u8, u8)> = Vec::new();
    points
        .iter()
        .map(|(x, y, label, href)| {
            let twins = u32::try_from(seen.iter().filter(|s| **s == (*x, *y)).count()).unwrap_or(0);
            seen.push((*x, *y));
            let offset = (twins % 4) * 5;
            Point {
                cx: MARGIN + u32::from(x.saturating_sub(1)) * step + step / 2 + offset,
                cy: SCATTER - u32::from(y.saturating_sub(1)) * step - step / 2 + offset,
                label: label.clone(),
                href: href.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value() {
        let bars = columns(
            &[("a".into(), 2), ("b".into(), 4), ("c".into(), 0)],
            300,
            100,
        );
        let heights: Vec<u32> = bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, vec![50, 100, 0]);
        assert_eq!(bars[1].y, 0);
        assert!(bars.iter().all(|b| b.x + b.width <= 300));
        let wide = rows(&[("a".into(), 10), ("b".into(), 5)], 200, 20);
        assert_eq!((wide[0].width, wide[1].width, wide[1].y), (200, 100, 20));
        assert!(columns(&[], 100, 100).is_empty());
    }

    #[test]
    fn points_on_the_same_spot_are_set_apart() {
        let p = scatter(&[
            (5, 5, "a".into(), "/a".into()),
            (5, 5, "b".into(), "/b".into()),
            (1, 1, "c".into(), "/c".into()),
        ]);
        assert_ne!((p[0].cx, p[0].cy), (p[1].cx, p[1].cy));
        assert!(p[2].cx < p[0].cx && p[2].cy > p[0].cy, "1 is left and low");
    }
}
