//! The question bank: every question of the handout, grouped as the handout
//! groups them, the TIARA prompts, and the arithmetic of a question plan that
//! must fit the agreed length.

use crate::error::FieldErrors;
use crate::text_enum::text_enum;
use crate::validated::required_line;
use serde::Serialize;

text_enum! {
    /// How much a planned question matters to you.
    Priority, field = "priority" {
        Must = "must", "Must ask";
        Should = "should", "Should ask";
        Could = "could", "If time allows";
    }
}

impl Priority {
    /// 1 (must) to 3 (could), as stored.
    pub fn rank(self) -> i64 {
        match self {
            Priority::Must => 1,
            Priority::Should => 2,
            Priority::Could => 3,
        }
    }

    /// The priority of a stored rank; unknown ranks read as "could".
    pub fn from_rank(rank: i64) -> Self {
        match rank {
            1 => Priority::Must,
            2 => Priority::Should,
            _ => Priority::Could,
        }
    }
}

/// Reads the minutes planned for one question (1 to 30).
pub fn question_minutes(raw: &str) -> Result<u32, crate::FieldError> {
    let s = raw.trim();
    match s.parse::<u32>() {
        Ok(m) if (1..=30).contains(&m) => Ok(m),
        _ => Err(crate::FieldError::new(
            "minutes",
            format!("\"{s}\" is not a number of minutes from 1 to 30"),
        )),
    }
}

/// A question of your own, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnQuestion {
    /// The question.
    pub text: String,
    /// Minutes it usually takes.
    pub minutes: u32,
}

/// Checks a question of your own (fields `text` and `minutes`).
pub fn own_question(text: &str, minutes: &str) -> Result<OwnQuestion, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = errors.check(required_line("text", text));
    let minutes = if minutes.trim().is_empty() {
        Some(2)
    } else {
        errors.check(question_minutes(minutes))
    };
    let (Some(text), Some(minutes)) = (text, minutes) else {
        return Err(errors);
    };
    errors.finish()?;
    Ok(OwnQuestion { text, minutes })
}

/// Where a question belongs in the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// "What do you do?" and its follow-ups.
    WhatYouDo,
    /// "What is a typical day like?"
    TypicalDay,
    /// "What social obligations go along with a job in your occupation?"
    SocialObligations,
    /// "What things did you do before you entered this occupation?"
    PathIntoTheField,
    /// "Do you have any tips for building a successful career?"
    Tips,
    /// Questions to ask about the company and culture.
    CompanyAndCulture,
    /// Trends, insights, advice, resources, assignments.
    Tiara,
}

impl Group {
    /// Every group, in the handout's order.
    pub const ALL: [Group; 7] = [
        Group::WhatYouDo,
        Group::TypicalDay,
        Group::SocialObligations,
        Group::PathIntoTheField,
        Group::Tips,
        Group::CompanyAndCulture,
        Group::Tiara,
    ];

    /// The heading shown over the group.
    pub fn label(self) -> &'static str {
        match self {
            Group::WhatYouDo => "What do you do?",
            Group::TypicalDay => "What is a typical day like?",
            Group::SocialObligations => "What social obligations go along with your occupation?",
            Group::PathIntoTheField => "What did you do before you entered this occupation?",
            Group::Tips => "Tips for building a career",
            Group::CompanyAndCulture => "The company and its culture",
            Group::Tiara => "TIARA: trends, insights, advice, resources, assignments",
        }
    }

    /// The part of the handout the group comes from.
    pub fn part(self) -> &'static str {
        match self {
            Group::CompanyAndCulture => "Questions to ask about the company and culture",
            Group::Tiara => "TIARA prompts",
            _ => "Questions to ask about the occupation",
        }
    }
}

/// Who a question suits best: the handout says to change the questions to
/// reflect whom you are talking with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Suits {
    /// Anyone in the field.
    Anyone,
    /// A manager or supervisor who can hire.
    Supervisor,
    /// Someone who does the work day to day.
    Employee,
}

/// One built-in question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable key, stored in question plans.
    pub key: &'static str,
    /// The question as the handout words it.
    pub text: &'static str,
    /// Its group.
    pub group: Group,
    /// Minutes a good answer usually takes.
    pub minutes: u8,
    /// Whom it suits best.
    pub suits: Suits,
}

macro_rules! q {
    ($key:literal, $group:ident, $minutes:literal, $suits:ident, $text:literal) => {
        Question {
            key: $key,
            text: $text,
            group: Group::$group,
            minutes: $minutes,
            suits: Suits::$suits,
        }
    };
}

/// Every built-in question, in the handout's order.
pub const BANK: &[Question] = &[
    q!("do.what", WhatYouDo, 3, Anyone, "What do you do?"),
    q!(
        "do.duties",
        WhatYouDo,
        3,
        Employee,
        "What are the duties/functions/responsibilities of your job?"
    ),
    q!(
        "do.like-best",
        WhatYouDo,
        2,
        Employee,
        "What do you like best about your job?"
    ),
    q!(
        "do.skills",
        WhatYouDo,
        3,
        Anyone,
        "What skills, abilities, aptitudes and/or temperaments are needed?"
    ),
    q!(
        "do.qualifications",
        WhatYouDo,
        2,
        Supervisor,
        "What qualifications are needed?"
    ),
    q!(
        "do.training",
        WhatYouDo,
        2,
        Anyone,
        "How do people get most of their training?"
    ),
    q!(
        "day.typical",
        TypicalDay,
        3,
        Employee,
        "What is a typical day like?"
    ),
    q!(
        "day.decisions",
        TypicalDay,
        2,
        Supervisor,
        "What kinds of decisions do you make?"
    ),
    q!(
        "day.problems",
        TypicalDay,
        2,
        Employee,
        "What kinds of problems do you deal with?"
    ),
    q!(
        "social.obligations",
        SocialObligations,
        2,
        Anyone,
        "What social obligations go along with a job in your occupation?"
    ),
    q!(
        "social.organizations",
        SocialObligations,
        1,
        Anyone,
        "Are there organizations you are expected to join outside work hours?"
    ),
    q!(
        "path.before",
        PathIntoTheField,
        3,
        Anyone,
        "What things did you do before you entered this occupation?"
    ),
    q!(
        "path.experiences",
        PathIntoTheField,
        3,
        Anyone,
        "What jobs and educational experiences have led to your present job?"
    ),
    q!(
        "path.why-chose",
        PathIntoTheField,
        2,
        Employee,
        "Why did you choose the type of work you are doing?"
    ),
    q!(
        "path.most-helpful",
        PathIntoTheField,
        2,
        Anyone,
        "Which have been most helpful?"
    ),
    q!(
        "path.other-jobs",
        PathIntoTheField,
        2,
        Anyone,
        "What other jobs can you get with the same background?"
    ),
    q!(
        "path.changes",
        PathIntoTheField,
        3,
        Supervisor,
        "What sorts of changes are occurring in your occupation?"
    ),
    q!(
        "path.advancement",
        PathIntoTheField,
        2,
        Employee,
        "What are the advancement opportunities?"
    ),
    q!(
        "path.progress",
        PathIntoTheField,
        2,
        Anyone,
        "How does a person progress in your field?"
    ),
    q!(
        "path.best-way-in",
        PathIntoTheField,
        3,
        Supervisor,
        "What is the best way to enter this occupation?"
    ),
    q!(
        "path.success",
        PathIntoTheField,
        2,
        Supervisor,
        "What are the qualifications for success in this particular occupation?"
    ),
    q!(
        "path.outlook",
        PathIntoTheField,
        2,
        Supervisor,
        "What can you tell me about the employment outlook in your occupational field?"
    ),
    q!(
        "path.job-changing",
        PathIntoTheField,
        2,
        Anyone,
        "How do you see your job changing over the next several years?"
    ),
    q!(
        "tips.career",
        Tips,
        3,
        Anyone,
        "Do you have any tips for building a successful career?"
    ),
    q!(
        "tips.resume-review",
        Tips,
        3,
        Anyone,
        "Would you consider reviewing my résumé and telling me how it reads to someone in your field?"
    ),
    q!(
        "org.products",
        CompanyAndCulture,
        2,
        Anyone,
        "What are your major products or services?"
    ),
    q!(
        "org.entry-level",
        CompanyAndCulture,
        2,
        Supervisor,
        "What entry level jobs exist?"
    ),
    q!(
        "org.training",
        CompanyAndCulture,
        1,
        Employee,
        "Is training provided?"
    ),
    q!(
        "org.advancement",
        CompanyAndCulture,
        2,
        Employee,
        "What are the advancement opportunities?"
    ),
    q!(
        "org.chart",
        CompanyAndCulture,
        1,
        Supervisor,
        "Do you have an organization chart?"
    ),
    q!(
        "org.salary",
        CompanyAndCulture,
        1,
        Supervisor,
        "What are the salary ranges?"
    ),
    q!(
        "org.benefits",
        CompanyAndCulture,
        1,
        Employee,
        "What is the benefits package?"
    ),
    q!(
        "org.outlook",
        CompanyAndCulture,
        2,
        Supervisor,
        "What is the long and short range outlook for the organization?"
    ),
    q!(
        "org.goals",
        CompanyAndCulture,
        2,
        Supervisor,
        "What are the company goals for the next six months? The next year? Two years?"
    ),
    q!(
        "org.hiring-needs",
        CompanyAndCulture,
        2,
        Supervisor,
        "What are the hiring needs of the company?"
    ),
    q!(
        "org.hiring-procedure",
        CompanyAndCulture,
        2,
        Supervisor,
        "What is the hiring procedure?"
    ),
    q!(
        "org.people",
        CompanyAndCulture,
        2,
        Supervisor,
        "What type of people are you looking for?"
    ),
    q!(
        "org.leadership",
        CompanyAndCulture,
        2,
        Employee,
        "Do they foster leadership and innovation?"
    ),
    q!(
        "org.values",
        CompanyAndCulture,
        2,
        Anyone,
        "What does the organization value?"
    ),
    q!(
        "org.values-communicated",
        CompanyAndCulture,
        1,
        Employee,
        "Are the values clearly communicated?"
    ),
    q!(
        "tiara.trends",
        Tiara,
        3,
        Anyone,
        "Trends: what changes do you see coming in this field, and how will they shape the work?"
    ),
    q!(
        "tiara.insights",
        Tiara,
        3,
        Anyone,
        "Insights: what do you know now that you wish you had known when you started?"
    ),
    q!(
        "tiara.advice",
        Tiara,
        3,
        Anyone,
        "Advice: if you were in my place, what would you do next?"
    ),
    q!(
        "tiara.resources",
        Tiara,
        2,
        Anyone,
        "Resources: which people, groups, publications or events should I know about?"
    ),
    q!(
        "tiara.assignments",
        Tiara,
        2,
        Anyone,
        "Assignments: what could I do or learn in the next month to test my interest?"
    ),
];

/// The built-in question with this key.
pub fn builtin(key: &str) -> Option<&'static Question> {
    BANK.iter().find(|q| q.key == key)
}

/// The questions of one group, in order.
pub fn group(group: Group) -> impl Iterator<Item = &'static Question> {
    BANK.iter().filter(move |q| q.group == group)
}

/// Questions to start a plan with: the ones that suit whom you talk to. A
/// supervisor with hiring authority is asked about entry, hiring and outlook;
/// an employee about the work itself.
pub fn suggested(hiring_authority: bool, has_resume: bool) -> Vec<&'static Question> {
    let want = if hiring_authority {
        Suits::Supervisor
    } else {
        Suits::Employee
    };
    let mut picks: Vec<&'static Question> = BANK
        .iter()
        .filter(|q| q.suits == want && q.group != Group::Tiara)
        .take(5)
        .collect();
    picks.extend(builtin("tips.career"));
    // The handout: bring your résumé, and ask whether they would review it.
    if has_resume {
        picks.extend(builtin("tips.resume-review"));
    }
    picks
}

/// The minutes kept free of questions: introducing yourself and thanking them
/// at the start; asking for referrals, a business card and permission to stay
/// in touch at the end.
pub const FRAME_MINUTES: u32 = 5;

/// How a question plan compares with the agreed length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanFit {
    /// Minutes the planned questions take.
    pub planned: u32,
    /// Minutes available for questions: the agreed length less the frame.
    pub available: u32,
}

impl PlanFit {
    /// Compares the minutes of each planned question with an agreed length.
    pub fn of(minutes: impl IntoIterator<Item = u32>, length_minutes: u32) -> Self {
        Self {
            planned: minutes.into_iter().sum(),
            available: length_minutes.saturating_sub(FRAME_MINUTES),
        }
    }

    /// True when the questions fit in the time.
    pub fn fits(self) -> bool {
        self.planned <= self.available
    }

    /// Minutes over the time, when the plan does not fit.
    pub fn over_by(self) -> u32 {
        self.planned.saturating_sub(self.available)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HANDOUT: &str = include_str!("../data/informational-interviews.txt");

    #[test]
    fn every_question_of_the_handout_is_in_the_bank() {
        let start = HANDOUT
            .find("Questions to ask about the occupation")
            .unwrap();
        let end = HANDOUT
            .find("Questions that might be asked of you")
            .unwrap();
        let asked: Vec<&str> = HANDOUT[start..end]
            .lines()
            .map(|l| l.trim().trim_start_matches('•').trim())
            .filter(|l| l.ends_with('?'))
            .collect();
        assert!(asked.len() >= 38, "read {} questions", asked.len());
        for question in asked {
            assert!(
                BANK.iter().any(|q| q.text == question),
                "missing: {question}"
            );
        }
    }

    #[test]
    fn keys_are_unique_and_every_group_has_questions() {
        for (i, q) in BANK.iter().enumerate() {
            assert!(BANK[i + 1..].iter().all(|o| o.key != q.key), "{}", q.key);
            assert!(q.minutes >= 1);
        }
        for g in Group::ALL {
            assert!(group(g).count() >= 1, "{g:?}");
        }
        assert_eq!(group(Group::Tiara).count(), 5);
    }

    #[test]
    fn suggestions_differ_for_supervisors_and_employees() {
        let boss = suggested(true, false);
        let staff = suggested(false, false);
        assert!(boss.iter().all(|q| q.key != "tips.resume-review"));
        assert!(
            suggested(false, true)
                .iter()
                .any(|q| q.key == "tips.resume-review")
        );
        assert!(
            boss.iter()
                .any(|q| q.key == "org.hiring-procedure" || q.key == "do.qualifications")
        );
        assert!(
            staff
                .iter()
                .any(|q| q.key == "day.typical" || q.key == "do.duties")
        );
        assert_ne!(boss, staff);
    }

    #[test]
    fn a_plan_keeps_time_for_the_frame() {
        let fit = PlanFit::of([5, 5, 5, 5, 5], 30);
        assert!(fit.fits());
        let over = PlanFit::of([5, 5, 5, 5, 5, 3], 30);
        assert!(!over.fits());
        assert_eq!(over.over_by(), 3);
    }

    proptest! {
        #[test]
        fn fit_matches_the_sum(minutes in proptest::collection::vec(1u32..10, 0..20), length in 5u32..=120) {
            let fit = PlanFit::of(minutes.clone(), length);
            let total: u32 = minutes.iter().sum();
            prop_assert_eq!(fit.fits(), total + FRAME_MINUTES <= length);
        }
    }
}
