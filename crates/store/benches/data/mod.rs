//! Made-up contact files for the store's benchmarks: the same data on every
//! run, from a tiny deterministic generator.

#![allow(dead_code)]

pub const WORDS: [&str; 40] = [
    "engineer",
    "nurse",
    "teacher",
    "analyst",
    "designer",
    "manager",
    "robotics",
    "logistics",
    "clinic",
    "school",
    "portfolio",
    "mentor",
    "internship",
    "salary",
    "training",
    "outlook",
    "hiring",
    "remote",
    "startup",
    "agency",
    "library",
    "museum",
    "hospital",
    "county",
    "statistics",
    "python",
    "research",
    "marketing",
    "finance",
    "legal",
    "energy",
    "climate",
    "transit",
    "housing",
    "nonprofit",
    "volunteer",
    "union",
    "contract",
    "weekend",
    "shift",
];

/// A tiny deterministic generator, so every run reads the same data.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
}

pub fn vcards(n: usize) -> String {
    let mut r = Rng(7);
    let mut out = String::with_capacity(n * 200);
    for i in 0..n {
        out.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i};Given;;;\r\nFN:Given Person{i}\r\nORG:Org {}\r\nTITLE:{}\r\nEMAIL;TYPE=INTERNET:p{i}@example.org\r\nTEL;TYPE=CELL:503-555-{:04}\r\nNOTE:{} {} {}\r\nEND:VCARD\r\n",
            i % 400,
            r.word(),
            i % 10_000,
            r.word(),
            r.word(),
            r.word()
        ));
    }
    out
}

pub fn linkedin(n: usize) -> String {
    let mut r = Rng(11);
    let mut out = String::from(
        "Notes:\r\n\"Some emails may be missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    );
    for i in 0..n {
        let email = if i % 5 == 0 {
            format!("l{i}@example.org")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "Given,Person{i},https://www.linkedin.com/in/p{i},{email},\"Company {}, Inc\",{} {},15 Mar 2024\r\n",
            i % 700,
            r.word(),
            r.word()
        ));
    }
    out
}
