//! How quickly requests get an answer, per channel (call, letter, email…) and
//! per source (how you found the person). Knowing which way of asking gets
//! answered, and how soon, tells you when a silence is still normal and
//! which channel to try first.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// One request sent, and its answer if one came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outreach {
    /// How it was sent.
    pub channel: String,
    /// Where the person came from.
    pub source: String,
    /// When it was sent.
    pub sent: DateTime<Utc>,
    /// When the answer came, if it did.
    pub replied: Option<DateTime<Utc>>,
}

/// Replies for one channel or one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplyStats {
    /// The channel or source.
    pub key: String,
    /// Requests sent.
    pub sent: usize,
    /// Requests answered.
    pub replied: usize,
    /// Median days from sending to the answer, over the answered ones;
    /// `None` when nothing was answered.
    pub median_days: Option<f64>,
}

/// Reply statistics per channel, sorted by channel.
pub fn by_channel(outreach: &[Outreach]) -> Vec<ReplyStats> {
    group(outreach, |o| &o.channel)
}

/// Reply statistics per source, sorted by source.
pub fn by_source(outreach: &[Outreach]) -> Vec<ReplyStats> {
    group(outreach, |o| &o.source)
}

fn group(outreach: &[Outreach], key: impl Fn(&Outreach) -> &String) -> Vec<ReplyStats> {
    let mut groups: BTreeMap<&str, (usize, Vec<f64>)> = BTreeMap::new();
    for o in outreach {
        let (sent, waits) = groups.entry(key(o)).or_default();
        *sent += 1;
        if let Some(replied) = o.replied {
            waits.push(days_between(o.sent, replied));
        }
    }
    groups
        .into_iter()
        .map(|(key, (sent, mut waits))| ReplyStats {
            key: key.to_owned(),
            sent,
            replied: waits.len(),
            median_days: median(&mut waits),
        })
        .collect()
}

/// Days, fractional, from `sent` to `replied`. A reply stamped before the
/// request (a typo, or a clock off) still is a reply, and counts as
/// immediate rather than as a negative wait that would drag the median down.
fn days_between(sent: DateTime<Utc>, replied: DateTime<Utc>) -> f64 {
    let seconds = (replied - sent).num_seconds().max(0);
    seconds as f64 / 86_400.0
}

/// The middle value; for an even count, the mean of the two middle ones.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
    }

    fn out(
        channel: &str,
        source: &str,
        sent: DateTime<Utc>,
        replied: Option<DateTime<Utc>>,
    ) -> Outreach {
        Outreach {
            channel: channel.to_owned(),
            source: source.to_owned(),
            sent,
            replied,
        }
    }

    #[test]
    fn medians_by_channel_and_source() {
        let list = [
            // email: waits of 1, 3, 2 and 6 days, and one unanswered.
            out("email", "alumni", at(1, 9), Some(at(2, 9))),
            out("email", "referral", at(1, 9), Some(at(4, 9))),
            out("email", "referral", at(2, 9), Some(at(4, 9))),
            out("email", "alumni", at(3, 9), Some(at(9, 9))),
            out("email", "alumni", at(3, 9), None),
            // call: a wait of half a day, and one unanswered.
            out("call", "referral", at(5, 8), Some(at(5, 20))),
            out("call", "cold", at(5, 8), None),
        ];
        let stats = |key: &str, sent, replied, median_days| ReplyStats {
            key: key.to_owned(),
            sent,
            replied,
            median_days,
        };
        // email sorted waits 1, 2, 3, 6: even count, (2 + 3) / 2 = 2.5.
        assert_eq!(
            by_channel(&list),
            vec![
                stats("call", 2, 1, Some(0.5)),
                stats("email", 5, 4, Some(2.5))
            ]
        );
        // alumni waits 1 and 6: 3.5. referral waits 3, 2, 0.5: middle 2.
        assert_eq!(
            by_source(&list),
            vec![
                stats("alumni", 3, 2, Some(3.5)),
                stats("cold", 1, 0, None),
                stats("referral", 3, 3, Some(2.0)),
            ]
        );
    }

    #[test]
    fn a_reply_before_the_request_counts_as_immediate() {
        let list = [out("letter", "x", at(4, 9), Some(at(3, 9)))];
        assert_eq!(by_channel(&list)[0].median_days, Some(0.0));
        assert!(by_source(&[]).is_empty());
    }
}
