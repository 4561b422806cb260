//! Writing the generated crate all at once: every file goes to a temporary
//! sibling folder first, which replaces the output folder only when all of it
//! was written, so a failure leaves the old output exactly as it was.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Replaces `out` with exactly `files` (paths relative to `out`).
pub fn write_all(out: &Path, files: &[(String, String)]) -> Result<()> {
    write_crates(&[(out, files)])
}

/// Replaces each output folder with exactly its files, all or none: every
/// crate is staged before any folder is replaced, and a failure while
/// swapping puts back the folders already replaced.
pub fn write_crates(crates: &[(&Path, &[(String, String)])]) -> Result<()> {
    let mut staged: Vec<(&Path, PathBuf, PathBuf)> = Vec::new();
    let result = crates.iter().try_for_each(|(out, files)| {
        let (staging, old) = (sibling(out, "staging"), sibling(out, "old"));
        for dir in [&staging, &old] {
            if dir.exists() {
                fs::remove_dir_all(dir).map_err(|e| io("cannot remove leftover folder", dir, e))?;
            }
        }
        staged.push((out, staging.clone(), old));
        stage(&staging, files)
    });
    if let Err(e) = result {
        for (_, staging, _) in &staged {
            let _ = fs::remove_dir_all(staging);
        }
        return Err(e);
    }
    let mut swapped = 0;
    let result = staged.iter().try_for_each(|(out, staging, old)| {
        swap(out, staging, old)?;
        swapped += 1;
        Ok(())
    });
    if let Err(e) = result {
        // Undo the swaps made, newest first, then drop what was staged.
        for (out, staging, old) in staged[..swapped].iter().rev() {
            let _ = fs::rename(out, staging);
            if old.exists() {
                let _ = fs::rename(old, out);
            }
        }
        for (_, staging, _) in &staged {
            let _ = fs::remove_dir_all(staging);
        }
        return Err(e);
    }
    for (_, _, old) in &staged {
        if old.exists() {
            fs::remove_dir_all(old).map_err(|e| io("cannot remove previous output", old, e))?;
        }
    }
    Ok(())
}

fn io(what: &str, p: &Path, e: std::io::Error) -> Error {
    Error::new("", format!("{what}: {e}")).in_file(p)
}

fn stage(staging: &Path, files: &[(String, String)]) -> Result<()> {
    for (rel, text) in files {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io("cannot create folder", parent, e))?;
        }
        fs::write(&path, text).map_err(|e| io("cannot write", &path, e))?;
    }
    Ok(())
}

/// Moves `out` aside to `old` and `staging` into its place.
fn swap(out: &Path, staging: &Path, old: &Path) -> Result<()> {
    if out.exists() {
        fs::rename(out, old).map_err(|e| io("cannot move aside", out, e))?;
    } else if let Some(parent) = out.parent() {
        fs::create_dir_all(parent).map_err(|e| io("cannot create folder", parent, e))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous output back before reporting.
        let _ = fs::rename(old, out);
        return Err(io("cannot move into place", out, e));
    }
    Ok(())
}

/// Paths (relative to `out`) whose content differs from `files`, and files
/// present in `out` that would not be generated.
pub fn stale_files(out: &Path, files: &[(String, String)]) -> Vec<String> {
    let mut stale = Vec::new();
    for (rel, text) in files {
        match fs::read(out.join(rel)) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => stale.push(rel.clone()),
            Err(_) => stale.push(format!("{rel} (missing)")),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let mut present = Vec::new();
    list_files(out, out, &mut present);
    present.sort();
    for rel in present {
        if !expected.contains(rel.as_str()) {
            stale.push(format!("{rel} (not generated)"));
        }
    }
    stale
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "generated".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{tag}"))
}
