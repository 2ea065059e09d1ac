//! Says, where cargo does not capture it, whether the store suite also ran on
//! PostgreSQL; under CI (`CI=true`) a skipped PostgreSQL suite is a failure.

fn main() {
    const VAR: &str = "RAPPORT_TEST_DATABASE_URL";
    let configured = std::env::var(VAR).is_ok_and(|v| !v.trim().is_empty());
    if configured {
        println!(
            "PostgreSQL suite: ENABLED ({VAR} is set); the store tests ran on SQLite and PostgreSQL."
        );
        return;
    }
    eprintln!();
    eprintln!("==================== PostgreSQL suite SKIPPED ====================");
    eprintln!("{VAR} is not set, so the store tests ran on SQLite only.");
    eprintln!("To run them on PostgreSQL too:");
    eprintln!("  {VAR}=postgres://postgres@127.0.0.1:5432/test cargo test --workspace");
    eprintln!("==================================================================");
    if std::env::var("CI").as_deref() == Ok("true") {
        eprintln!("CI=true: the PostgreSQL suite must not be skipped.");
        std::process::exit(1);
    }
}
