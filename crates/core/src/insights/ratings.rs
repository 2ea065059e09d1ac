//! Fit versus likability. The handout: "avoid impressions about an area of
//! work based solely on whether the person interviewed was likable or the
//! surroundings attractive". When your fit ratings of a field move in step
//! with how much you liked the person (or the place), the page says so.
//!
//! Ranks, not raw scores, are compared: ratings are a 1..=5 scale whose steps
//! need not be equal, and Spearman's rank correlation only asks whether the
//! two rise and fall together.

use serde::Serialize;

/// A rank correlation above this (strictly) is an echo worth a warning.
pub const THRESHOLD: f64 = 0.8;

/// Fewer rated interviews than this say too little to warn about.
pub const MIN_POINTS: usize = 3;

/// Spearman's rank correlation of the pairs: each side is ranked (tied values
/// share the average of the ranks they span), then Pearson's correlation is
/// taken over the ranks.
///
/// `None` when there are fewer than two pairs, when either side has a single
/// distinct value (the correlation is undefined), or when a value is not
/// finite.
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 2 {
        return None;
    }
    let xs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    if !xs.iter().chain(&ys).all(|v| v.is_finite()) || all_equal(&xs) || all_equal(&ys) {
        return None;
    }
    pearson(&ranks(&xs), &ranks(&ys))
}

fn all_equal(values: &[f64]) -> bool {
    values.windows(2).all(|w| w[0] == w[1])
}

/// 1-based ranks in input order; a run of equal values gets the mean of the
/// ranks it covers.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end.
        let shared = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            out[i] = shared;
        }
        start = end;
    }
    out
}

fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        let (dx, dy) = (x - mean_x, y - mean_y);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // One square root of the product keeps exact cases exact (8 / sqrt(100)
    // is 0.8, while 8 / (sqrt(10) * sqrt(10)) is not), which matters at the
    // threshold.
    let spread = (sxx * syy).sqrt();
    if spread > 0.0 {
        Some((sxy / spread).clamp(-1.0, 1.0))
    } else {
        None
    }
}

/// Your ratings after one interview, each 1..=5 (not checked here; any
/// numbers rank the same way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatingPoint {
    /// The interview rated.
    pub interview_id: String,
    /// How well the work seems to fit you.
    pub fit: u8,
    /// How much you liked the person, if rated.
    pub likability: Option<u8>,
    /// How attractive the surroundings were, if rated.
    pub setting: Option<u8>,
}

/// What the fit rating was compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Against {
    /// How much you liked the person.
    Likability,
    /// How attractive the surroundings were.
    Setting,
}

impl Against {
    fn rating(self, point: &RatingPoint) -> Option<u8> {
        match self {
            Against::Likability => point.likability,
            Against::Setting => point.setting,
        }
    }
}

/// How closely fit follows another rating.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Echo {
    /// Spearman's rank correlation, -1..=1.
    pub rho: f64,
    /// Interviews that carried both ratings.
    pub count: usize,
    /// The rating fit was compared with.
    pub against: Against,
}

impl Echo {
    /// The warning in plain words.
    pub fn message(&self) -> String {
        let (what, apart) = match self.against {
            Against::Likability => ("how much you liked the person", "the person"),
            Against::Setting => ("how attractive you found the surroundings", "the place"),
        };
        format!(
            "Your ratings of this field rise and fall with {what} (rank correlation {:.2} over {} \
             interviews). Judge the work apart from {apart}.",
            self.rho, self.count
        )
    }
}

/// The rank correlation of fit with one other rating, over the points that
/// carry both, whatever its size. `None` when [`spearman`] has no answer.
pub fn correlation(points: &[RatingPoint], against: Against) -> Option<Echo> {
    let pairs: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|p| Some((f64::from(p.fit), f64::from(against.rating(p)?))))
        .collect();
    Some(Echo {
        rho: spearman(&pairs)?,
        count: pairs.len(),
        against,
    })
}

/// The warning, if any: fit follows likability (checked first) or setting
/// over at least [`MIN_POINTS`] interviews with a rank correlation above
/// [`THRESHOLD`].
pub fn fit_follows_liking(points: &[RatingPoint]) -> Option<Echo> {
    [Against::Likability, Against::Setting]
        .into_iter()
        .filter_map(|against| correlation(points, against))
        .find(|echo| echo.count >= MIN_POINTS && echo.rho > THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn points(fit: &[u8], likability: &[Option<u8>], setting: &[Option<u8>]) -> Vec<RatingPoint> {
        fit.iter()
            .enumerate()
            .map(|(i, &fit)| RatingPoint {
                interview_id: format!("i{i}"),
                fit,
                likability: likability.get(i).copied().flatten(),
                setting: setting.get(i).copied().flatten(),
            })
            .collect()
    }

    #[test]
    fn monotone_is_one_and_reversed_is_minus_one() {
        // Not linear, only rising: ranks agree fully.
        let up = [(1.0, 1.0), (2.0, 4.0), (3.0, 9.0), (4.0, 100.0)];
        assert_eq!(spearman(&up), Some(1.0));
        let down = [(1.0, 5.0), (2.0, 4.0), (3.0, 2.0)];
        assert_eq!(spearman(&down), Some(-1.0));
    }

    #[test]
    fn ties_share_the_average_rank() {
        // x = 1, 2, 2, 3 ranks 1, 2.5, 2.5, 4; y = 1, 3, 2, 4 ranks 1, 3, 2, 4.
        // Both means are 2.5. dx = -1.5, 0, 0, 1.5; dy = -1.5, 0.5, -0.5, 1.5.
        // Sxy = 2.25 + 0 + 0 + 2.25 = 4.5; Sxx = 4.5; Syy = 2.25+0.25+0.25+2.25 = 5.
        // rho = 4.5 / sqrt(4.5 * 5) = sqrt(0.9) = 0.948683...
        let pairs = [(1.0, 1.0), (2.0, 3.0), (2.0, 2.0), (3.0, 4.0)];
        assert!(close(spearman(&pairs).unwrap(), 0.9_f64.sqrt()));
        assert_eq!(ranks(&[1.0, 2.0, 2.0, 3.0]), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(ranks(&[5.0, 5.0, 5.0, 1.0]), vec![3.0, 3.0, 3.0, 1.0]);
    }

    #[test]
    fn undefined_cases_are_none() {
        assert_eq!(spearman(&[]), None);
        assert_eq!(spearman(&[(1.0, 2.0)]), None);
        assert_eq!(spearman(&[(1.0, 2.0), (2.0, 2.0), (3.0, 2.0)]), None);
        assert_eq!(spearman(&[(4.0, 1.0), (4.0, 2.0)]), None);
        assert_eq!(spearman(&[(f64::NAN, 1.0), (2.0, 2.0)]), None);
    }

    #[test]
    fn just_above_the_threshold_by_spearman() {
        // Ranks 1..10 against 3,4,1,2,7,8,5,6,9,10: each of the 8 moved
        // values is off by 2, so the sum of d^2 is 32 and
        // rho = 1 - 6*32 / (10*99) = 1 - 192/990 = 0.80606...
        let ys = [3.0, 4.0, 1.0, 2.0, 7.0, 8.0, 5.0, 6.0, 9.0, 10.0];
        let pairs: Vec<(f64, f64)> = ys
            .iter()
            .enumerate()
            .map(|(i, &y)| ((i + 1) as f64, y))
            .collect();
        let rho = spearman(&pairs).unwrap();
        assert!(close(rho, 1.0 - 192.0 / 990.0));
        assert!(rho > THRESHOLD);
    }

    #[test]
    fn exactly_at_the_threshold_is_not_a_warning() {
        // Fit 1..5 against liking 2,1,3,5,4: d^2 sums to 4, so
        // rho = 1 - 6*4 / (5*24) = 0.8 (by ranks: 8 / sqrt(10 * 10)).
        let p = points(
            &[1, 2, 3, 4, 5],
            &[Some(2), Some(1), Some(3), Some(5), Some(4)],
            &[],
        );
        let echo = correlation(&p, Against::Likability).unwrap();
        assert_eq!(echo.rho, 0.8);
        assert_eq!(fit_follows_liking(&p), None);
    }

    #[test]
    fn just_above_the_threshold_warns() {
        // Liking 2,1,3,4,5: d^2 sums to 2, rho = 1 - 12/120 = 0.9.
        let p = points(
            &[1, 2, 3, 4, 5],
            &[Some(2), Some(1), Some(3), Some(4), Some(5)],
            &[],
        );
        let echo = fit_follows_liking(&p).unwrap();
        assert!(close(echo.rho, 0.9));
        assert_eq!((echo.count, echo.against), (5, Against::Likability));
        assert_eq!(
            echo.message(),
            "Your ratings of this field rise and fall with how much you liked the person (rank \
             correlation 0.90 over 5 interviews). Judge the work apart from the person."
        );
    }

    #[test]
    fn two_points_never_warn() {
        let p = points(&[1, 5], &[Some(1), Some(5)], &[Some(1), Some(5)]);
        assert_eq!(correlation(&p, Against::Likability).unwrap().rho, 1.0);
        assert_eq!(fit_follows_liking(&p), None);
    }

    #[test]
    fn only_points_with_both_ratings_count() {
        // Four fit ratings, but only three carry a likability: 1-1, 3-2, 5-4.
        let p = points(&[1, 2, 3, 5], &[Some(1), None, Some(2), Some(4)], &[]);
        let echo = fit_follows_liking(&p).unwrap();
        assert_eq!((echo.count, echo.rho), (3, 1.0));
        let two = points(&[1, 2, 3], &[Some(1), None, Some(2)], &[]);
        assert_eq!(fit_follows_liking(&two), None);
    }

    #[test]
    fn setting_is_checked_when_liking_does_not_echo() {
        // Liking runs against fit; the setting follows it exactly.
        let p = points(
            &[1, 2, 3, 4],
            &[Some(4), Some(3), Some(2), Some(1)],
            &[Some(2), Some(3), Some(4), Some(5)],
        );
        let echo = fit_follows_liking(&p).unwrap();
        assert_eq!(
            (echo.against, echo.count, echo.rho),
            (Against::Setting, 4, 1.0)
        );
        assert!(echo.message().contains("surroundings"));
        assert!(echo.message().ends_with("apart from the place."));
    }

    #[test]
    fn likability_wins_when_both_echo() {
        let p = points(
            &[1, 2, 3],
            &[Some(1), Some(2), Some(3)],
            &[Some(1), Some(2), Some(3)],
        );
        assert_eq!(fit_follows_liking(&p).unwrap().against, Against::Likability);
    }
}
