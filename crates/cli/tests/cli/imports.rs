//! `rapport import` fails, naming the problem, when a file gives nothing to
//! import; a file with odd line endings or byte-order marks imports whole.

use super::*;

const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

fn write(s: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let path = s.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn an_import_with_nothing_to_import_fails_naming_the_problem() {
    let s = Sandbox::sqlite();
    for (name, text, says) in [
        ("empty.csv", String::new(), "nothing to import"),
        (
            "headerless.csv",
            "Ada,Lovelace,,,,,\n".to_owned(),
            "no header line",
        ),
        (
            "header-only.csv",
            format!("{HEADER}\r\n"),
            "holds no records",
        ),
    ] {
        let file = write(&s, name, text.as_bytes());
        for dry in [false, true] {
            let mut args = vec!["import", file.as_str(), "--format", "linkedin"];
            if dry {
                args.push("--dry-run");
            }
            let run = s.run(&args);
            assert_eq!(run.code, 1, "{name} (dry run {dry}): {}", run.stdout);
            assert!(
                run.stderr.contains(says) && run.stderr.contains(name),
                "{name}: {}",
                run.stderr
            );
        }
    }
    let list = s.run(&["import", "--list", "--json"]).ok().json();
    assert_eq!(list, Value::Array(vec![]), "no batch was recorded");
}

#[test]
fn old_mac_line_endings_and_two_byte_order_marks_import_every_record() {
    let s = Sandbox::sqlite();
    let text = format!(
        "\u{feff}\u{feff}{HEADER}\rAda,Lovelace,,ada@engines.example,Analytical Engines,,\r\
         Grace,Hopper,,,Navy Labs,,\r"
    );
    let file = write(&s, "Connections.csv", text.as_bytes());
    let report = s.run(&["import", &file, "--json"]).ok().json();
    assert_eq!(report["imported"], 2, "{report}");
    assert_eq!(report["rejected"], Value::Array(vec![]));
}

/// A NUL in one card costs that card alone, and the dry run says so first.
fn a_nul_costs_one_card(s: &Sandbox) {
    let cards = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nNOTE:a\0b\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Ruiz\r\nEND:VCARD\r\n";
    let file = write(s, "cards.vcf", cards);
    let dry = s.run(&["import", &file, "--dry-run", "--json"]).ok().json();
    assert_eq!(dry["new"].as_array().unwrap().len(), 2, "{dry}");
    assert_eq!(dry["rejected"].as_array().unwrap().len(), 1, "{dry}");
    assert_eq!(dry["rejected"][0]["line"], 5);
    let report = s.run(&["import", &file, "--json"]).ok().json();
    assert_eq!(report["imported"], 2, "{report}");
    let people = s.run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people.as_array().unwrap().len(), 2);
}

#[test]
fn a_nul_in_one_card_costs_only_that_card_on_sqlite() {
    a_nul_costs_one_card(&Sandbox::sqlite());
}

#[test]
fn a_nul_in_one_card_costs_only_that_card_on_postgres() {
    with_postgres("nul", a_nul_costs_one_card);
}
