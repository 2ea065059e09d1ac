//! Instants are stored as fixed-width UTC text (`2026-12-03T18:00:00.000000Z`)
//! on both backends, so text order is time order and database-side date
//! functions are needed only where a due time is computed for ordering
//! (keep-in-touch tasks in `rule_tasks`).

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};

pub(crate) fn encode(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub(crate) fn encode_opt(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(encode)
}

pub(crate) fn decode(raw: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("instant \"{raw}\": {e}")))
}

pub(crate) fn decode_opt(raw: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    raw.map(decode).transpose()
}

pub(crate) fn decode_date(raw: Option<&str>) -> Result<Option<NaiveDate>> {
    raw.map(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("date \"{d}\": {e}")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn round_trips_and_sorts_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 3, 8, 9, 5, 0).unwrap();
        let b = a + chrono::Duration::microseconds(1);
        assert_eq!(decode(&encode(a)).unwrap(), a);
        assert_eq!(decode(&encode(b)).unwrap(), b);
        assert!(encode(a) < encode(b));
        assert_eq!(encode(a).len(), encode(b).len());
    }
}
