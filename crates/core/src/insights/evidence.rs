//! Enough evidence about a field? The handout warns: "don't settle for just
//! one or two interviews about a given area of work". One workplace can also
//! mislead, so once the count is met the organizations are checked too.

use serde::Serialize;
use std::collections::BTreeSet;

/// How many held interviews a field needs before you judge it.
pub const GOAL: usize = 3;

/// One interview about the field, as the caller sees it. Declined and
/// unanswered requests are left out by the caller: they will never add
/// evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    /// Where the person works, if known.
    pub organization_id: Option<String>,
    /// Whether the person can hire (a manager) rather than only do the work.
    pub can_hire: bool,
    /// True once the talk happened (done, thanked or closed); false while it
    /// is still planned (idea through confirmed).
    pub held: bool,
}

/// The evidence gathered about one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldEvidence {
    /// Interviews that took place.
    pub held: usize,
    /// Interviews still to come.
    pub planned: usize,
    /// The target, [`GOAL`], repeated here so a page needs no second source.
    pub goal: usize,
    /// Distinct organizations among the held interviews.
    pub organizations: usize,
    /// Held interviews with someone who can hire.
    pub hiring: usize,
    /// Held interviews with someone who cannot hire.
    pub employees: usize,
    /// What to do next, if the evidence is still thin.
    pub nudge: Option<EvidenceNudge>,
}

/// Why the evidence about a field is still thin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum EvidenceNudge {
    /// Fewer than [`GOAL`] interviews held.
    FewerThanGoal {
        /// Interviews held so far.
        held: usize,
        /// Interviews planned.
        planned: usize,
        /// How many more must be held to reach the goal.
        missing: usize,
    },
    /// Enough interviews, but they all speak for at most one organization.
    OneOrganization {
        /// Distinct organizations among the held interviews: 0 when none of
        /// them names one, else 1.
        organization_count: usize,
    },
}

impl EvidenceNudge {
    /// The nudge as one plain sentence for the page.
    pub fn message(&self) -> String {
        match *self {
            EvidenceNudge::FewerThanGoal {
                held,
                planned,
                missing,
            } => {
                let who = if missing == 1 { "person" } else { "people" };
                let planned = match planned {
                    0 => String::new(),
                    n => format!(" ({n} planned)"),
                };
                format!(
                    "{held} of {GOAL} interviews held{planned}: talk to at least {} more {who} \
                     before judging this field.",
                    in_words(missing)
                )
            }
            EvidenceNudge::OneOrganization {
                organization_count: 0,
            } => "None of the interviews held names an organization: note where each person \
                  works, and make sure they do not all come from one place."
                .to_owned(),
            EvidenceNudge::OneOrganization { .. } => {
                "Every interview held was at the same organization: talk to someone at another \
                 one, so a single workplace does not stand for the whole field."
                    .to_owned()
            }
        }
    }
}

/// Small counts read better as words in a sentence.
fn in_words(n: usize) -> String {
    match n {
        1 => "one".to_owned(),
        2 => "two".to_owned(),
        3 => "three".to_owned(),
        n => n.to_string(),
    }
}

/// Sums up the interviews of one field and says what is still missing.
///
/// A held interview without an organization does not count as a second
/// place: with three or more held and at most one distinct organization among
/// them, the field gets [`EvidenceNudge::OneOrganization`]. An organization id
/// that is blank after trimming counts as none.
pub fn field_evidence(items: &[EvidenceItem]) -> FieldEvidence {
    let mut held = 0;
    let mut planned = 0;
    let mut hiring = 0;
    let mut organizations = BTreeSet::new();
    for item in items {
        if !item.held {
            planned += 1;
            continue;
        }
        held += 1;
        if item.can_hire {
            hiring += 1;
        }
        if let Some(org) = item.organization_id.as_deref().map(str::trim)
            && !org.is_empty()
        {
            organizations.insert(org);
        }
    }
    from_counts(EvidenceCounts {
        held,
        planned,
        organizations: organizations.len(),
        hiring,
    })
}

/// The counts of one field's interviews, as a database counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceCounts {
    /// Interviews held.
    pub held: usize,
    /// Interviews planned (idea through confirmed).
    pub planned: usize,
    /// Distinct organizations named among the held ones.
    pub organizations: usize,
    /// Held ones with someone who can hire.
    pub hiring: usize,
}

/// The evidence from counts already made (by the store, over an account of
/// any size), with the same nudges as [`field_evidence`].
pub fn from_counts(counts: EvidenceCounts) -> FieldEvidence {
    let EvidenceCounts {
        held,
        planned,
        organizations,
        hiring,
    } = counts;
    let hiring = hiring.min(held);
    let nudge = if held < GOAL {
        Some(EvidenceNudge::FewerThanGoal {
            held,
            planned,
            missing: GOAL - held,
        })
    } else if organizations <= 1 {
        Some(EvidenceNudge::OneOrganization {
            organization_count: organizations,
        })
    } else {
        None
    };
    FieldEvidence {
        held,
        planned,
        goal: GOAL,
        organizations,
        hiring,
        employees: held - hiring,
        nudge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(org: Option<&str>, can_hire: bool, held: bool) -> EvidenceItem {
        EvidenceItem {
            organization_id: org.map(str::to_owned),
            can_hire,
            held,
        }
    }

    #[test]
    fn nothing_yet_asks_for_three() {
        let e = field_evidence(&[]);
        assert_eq!((e.held, e.planned, e.goal, e.organizations), (0, 0, 3, 0));
        let nudge = e.nudge.unwrap();
        assert_eq!(
            nudge,
            EvidenceNudge::FewerThanGoal {
                held: 0,
                planned: 0,
                missing: 3
            }
        );
        assert_eq!(
            nudge.message(),
            "0 of 3 interviews held: talk to at least three more people before judging this field."
        );
    }

    #[test]
    fn two_held_one_planned_asks_for_one_more() {
        let e = field_evidence(&[
            item(Some("a"), true, true),
            item(Some("b"), false, true),
            item(Some("c"), false, false),
        ]);
        assert_eq!((e.held, e.planned, e.organizations), (2, 1, 2));
        assert_eq!((e.hiring, e.employees), (1, 1));
        let nudge = e.nudge.unwrap();
        assert_eq!(
            nudge,
            EvidenceNudge::FewerThanGoal {
                held: 2,
                planned: 1,
                missing: 1
            }
        );
        assert_eq!(
            nudge.message(),
            "2 of 3 interviews held (1 planned): talk to at least one more person before judging \
             this field."
        );
    }

    #[test]
    fn planned_interviews_do_not_count_towards_organizations() {
        let e = field_evidence(&[
            item(Some("a"), false, true),
            item(Some("a"), false, true),
            item(Some("a"), true, true),
            item(Some("b"), false, false),
        ]);
        assert_eq!(
            (e.held, e.organizations, e.hiring, e.employees),
            (3, 1, 1, 2)
        );
        assert_eq!(
            e.nudge,
            Some(EvidenceNudge::OneOrganization {
                organization_count: 1
            })
        );
        assert!(e.nudge.unwrap().message().contains("same organization"));
    }

    #[test]
    fn unknown_organizations_do_not_make_a_second_place() {
        let e = field_evidence(&[
            item(None, false, true),
            item(Some("  "), false, true),
            item(None, false, true),
        ]);
        assert_eq!(e.organizations, 0);
        assert_eq!(
            e.nudge,
            Some(EvidenceNudge::OneOrganization {
                organization_count: 0
            })
        );
        assert!(e.nudge.unwrap().message().contains("names an organization"));

        let mixed = field_evidence(&[
            item(Some("a"), false, true),
            item(None, false, true),
            item(None, false, true),
        ]);
        assert_eq!(mixed.organizations, 1);
        assert!(mixed.nudge.is_some());
    }

    #[test]
    fn three_held_at_two_places_is_enough() {
        let e = field_evidence(&[
            item(Some("a"), false, true),
            item(Some("b"), true, true),
            item(None, false, true),
        ]);
        assert_eq!((e.held, e.organizations), (3, 2));
        assert_eq!(e.nudge, None);
    }

    #[test]
    fn counts_made_by_the_database_give_the_same_evidence() {
        let items = [
            item(Some("a"), true, true),
            item(Some("a"), false, true),
            item(None, false, true),
            item(Some("b"), false, false),
        ];
        let counted = from_counts(EvidenceCounts {
            held: 3,
            planned: 1,
            organizations: 1,
            hiring: 1,
        });
        assert_eq!(counted, field_evidence(&items));
        assert_eq!(
            counted.nudge,
            Some(EvidenceNudge::OneOrganization {
                organization_count: 1
            })
        );
    }
}
