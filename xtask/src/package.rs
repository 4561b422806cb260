//! `cargo xtask package`: packages the crates meant for crates.io, the
//! runtime, every service `codegen.json` lists and the credentials crate, in one `cargo package`
//! run, so each service crate is verified against the packaged runtime (cargo
//! resolves between crates packaged together through a local registry) rather
//! than against the path dependency. First checks what each package holds.

use std::path::Path;
use std::process::Command;

pub const HELP: &str = "usage: cargo xtask package [--no-verify] [--allow-dirty]

Packages lean-aws-runtime, every crate codegen.json lists and
lean-aws-credentials with one
`cargo package -p ..` (written to target/package/), after checking each
package's file list (`cargo package --list`): the code, README.md, LICENSE
and NOTICE, nothing else. Verification builds every crate from its package,
the service crates against the packaged runtime.

  --no-verify    only build the .crate files (cargo package --no-verify)
  --allow-dirty  package uncommitted changes too";

/// The runtime's package name.
const RUNTIME: &str = "lean-aws-runtime";
/// The role and SSO credential sources, which depend on the runtime and the
/// generated sts, sso and sso-oidc crates.
const CREDENTIALS: &str = "lean-aws-credentials";

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{HELP}");
        return Ok(());
    }
    let mut passed = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--no-verify" | "--allow-dirty" => passed.push(arg.clone()),
            other => return Err(format!("unknown argument `{other}`\n{HELP}")),
        }
    }
    let configs = codegen::config::Config::load_all(&root.join("codegen.json")).map_err(|e| e.to_string())?;
    let packages: Vec<String> = std::iter::once(RUNTIME.to_owned())
        .chain(configs.iter().map(|c| c.package.clone()))
        .chain(std::iter::once(CREDENTIALS.to_owned()))
        .collect();
    let dirty = passed.iter().any(|a| a == "--allow-dirty");
    for package in &packages {
        let mut list = vec!["package", "--list", "-p", package.as_str()];
        if dirty {
            list.push("--allow-dirty");
        }
        let out = cargo(root, &list)?;
        let files: Vec<&str> = out.lines().collect();
        check_list(package, &files)?;
        println!("{package}: {} files", files.len());
    }
    forget_unpacked(&packages)?;
    let mut command: Vec<&str> = vec!["package"];
    for package in &packages {
        command.extend(["-p", package.as_str()]);
    }
    command.extend(passed.iter().map(String::as_str));
    let status = Command::new(crate::bench::cargo())
        .args(&command)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("`cargo {}` failed", command.join(" ")));
    }
    Ok(())
}

/// Removes the copies cargo unpacked from earlier runs' local registries.
/// Cargo keys its unpack directory by the registry's path and reuses one that
/// exists, so a checkout at a path used before would verify the service
/// crates against the runtime as it was then, not as it is now.
fn forget_unpacked(packages: &[String]) -> Result<(), String> {
    let home = match std::env::var_os("CARGO_HOME") {
        Some(home) => std::path::PathBuf::from(home),
        None => match std::env::var_os("HOME") {
            Some(home) => Path::new(&home).join(".cargo"),
            None => return Ok(()),
        },
    };
    let Ok(registries) = std::fs::read_dir(home.join("registry/src")) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        // Remote registries (crates.io's `index.crates.io-…`) hold published
        // crates, which these packages never resolve to; local ones are `-…`.
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for entry in std::fs::read_dir(registry.path()).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if packages.iter().any(|p| is_unpacked_copy(&name, p)) {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
            }
        }
    }
    Ok(())
}

/// `sso-0.1.0` is a copy of `sso`; `sso-oidc-0.1.0` is not.
fn is_unpacked_copy(dir: &str, package: &str) -> bool {
    dir.strip_prefix(package)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
}

fn cargo(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(crate::bench::cargo())
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("`cargo {}` failed:\n{}", args.join(" "), String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`cargo {}`: not UTF-8: {e}", args.join(" ")))
}

/// Files cargo adds to every package by itself.
const CARGO_FILES: &[&str] = &["Cargo.toml", "Cargo.toml.orig", "Cargo.lock", ".cargo_vcs_info.json"];
/// What users need besides the code.
const NOTICES: &[&str] = &["README.md", "LICENSE", "NOTICE"];

/// A package holds its sources, its examples, the notices and cargo's own
/// files, and must hold `src/lib.rs` and every notice.
pub fn check_list(package: &str, files: &[&str]) -> Result<(), String> {
    let stray: Vec<&&str> = files
        .iter()
        .filter(|f| {
            !(f.starts_with("src/") || f.starts_with("examples/") || NOTICES.contains(f) || CARGO_FILES.contains(f))
        })
        .collect();
    if !stray.is_empty() {
        return Err(format!("{package}: the package would hold files users do not need: {stray:?}"));
    }
    let missing: Vec<&&str> =
        NOTICES.iter().chain(&["src/lib.rs", "Cargo.toml"]).filter(|f| !files.contains(f)).collect();
    if !missing.is_empty() {
        return Err(format!("{package}: the package lacks {missing:?}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check_list, is_unpacked_copy};

    const GOOD: &[&str] = &[
        ".cargo_vcs_info.json",
        "Cargo.lock",
        "Cargo.toml",
        "Cargo.toml.orig",
        "LICENSE",
        "NOTICE",
        "README.md",
        "src/lib.rs",
    ];

    #[test]
    fn only_unpacked_copies_of_the_package_itself_are_matched() {
        assert!(is_unpacked_copy("sso-0.1.0", "sso"));
        assert!(!is_unpacked_copy("sso-oidc-0.1.0", "sso"));
        assert!(is_unpacked_copy("sso-oidc-0.1.0", "sso-oidc"));
        assert!(!is_unpacked_copy("ssortable-1.0.0", "sso"));
    }

    #[test]
    fn a_package_with_code_and_notices_passes() {
        let mut files = GOOD.to_vec();
        files.push("examples/describe-phone-numbers.rs");
        assert_eq!(check_list("p", &files), Ok(()));
    }

    #[test]
    fn stray_files_and_missing_notices_are_named() {
        let mut files = GOOD.to_vec();
        files.push("tests/fixture.json");
        let e = check_list("p", &files).unwrap_err();
        assert!(e.contains("\"tests/fixture.json\""), "{e}");
        let files: Vec<&str> = GOOD.iter().copied().filter(|f| *f != "NOTICE").collect();
        let e = check_list("p", &files).unwrap_err();
        assert!(e.contains("lacks [\"NOTICE\"]"), "{e}");
    }
}
