//! The environment variables and files that credential and region providers
//! read, behind two small handles so that tests (and callers with their own
//! settings) can supply them instead of the process's.
//!
//! [`Env::real`] and [`Fs::real`] read the process environment and the file
//! system; [`Env::from_vars`] and [`Fs::from_files`] hold fixed values and
//! never touch either (files written to a fixed set stay in memory, shared by
//! its clones).

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Environment variables: the process's, or a fixed set.
#[derive(Clone)]
pub struct Env(EnvSource);

#[derive(Clone)]
enum EnvSource {
    Process,
    Fixed(Arc<HashMap<String, String>>),
}

impl Env {
    /// The process environment.
    pub fn real() -> Self {
        Env(EnvSource::Process)
    }

    /// A fixed set of variables; nothing else is visible.
    pub fn from_vars<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Env(EnvSource::Fixed(Arc::new(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect())))
    }

    /// A variable's value. Unset, empty and non-Unicode values are all
    /// `None`: every AWS setting treats an empty variable as unset, and a
    /// key, region or path that is not Unicode is not usable.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.0 {
            EnvSource::Process => std::env::var_os(name)?.into_string().ok()?,
            EnvSource::Fixed(vars) => vars.get(name)?.clone(),
        };
        (!value.is_empty()).then_some(value)
    }

    /// The first of these variables that is set, with its name.
    pub fn first_of<'n>(&self, names: &[&'n str]) -> Option<(&'n str, String)> {
        names.iter().find_map(|name| self.get(name).map(|v| (*name, v)))
    }

    /// The user's home directory as Python's `os.path.expanduser` finds it
    /// from the environment: `HOME`, else `USERPROFILE`, else `HOMEDRIVE`
    /// joined with `HOMEPATH` (the Windows variables).
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.get("HOME").or_else(|| self.get("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        let (drive, path) = (self.get("HOMEDRIVE")?, self.get("HOMEPATH")?);
        Some(PathBuf::from(drive + &path))
    }

    /// Expands a configured path as botocore does (`os.path.expandvars`,
    /// then `expanduser`): `$NAME` and `${NAME}` become the variable's value
    /// (left as written when it is unset), and a leading `~` the home
    /// directory.
    ///
    /// # Errors
    /// When the path starts with `~` and no home directory is set.
    pub fn expand_path(&self, path: &str) -> Result<PathBuf, String> {
        let path = self.expand_vars(path);
        let Some(rest) = path.strip_prefix('~') else { return Ok(PathBuf::from(path)) };
        // `~user` would need the password database; only the current user's home is known.
        if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\')) {
            return Ok(PathBuf::from(path));
        }
        let home = self.home_dir().ok_or_else(|| format!("cannot expand `{path}`: HOME is not set"))?;
        let rest = rest.trim_start_matches(['/', '\\']);
        Ok(if rest.is_empty() { home } else { home.join(rest) })
    }

    fn expand_vars(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(dollar) = rest.find('$') {
            out.push_str(&rest[..dollar]);
            let after = &rest[dollar + 1..];
            let (name, written_len) = if let Some(braced) = after.strip_prefix('{') {
                match braced.find('}') {
                    Some(end) => (&braced[..end], end + 2),
                    None => ("", 0),
                }
            } else {
                let end = after.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(after.len());
                (&after[..end], end)
            };
            match self.get(name).filter(|_| !name.is_empty()) {
                Some(value) => out.push_str(&value),
                None => out.push_str(&rest[dollar..dollar + 1 + written_len]),
            }
            rest = &after[written_len..];
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Debug for Env {
    /// Names only: variables such as `AWS_SECRET_ACCESS_KEY` hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            EnvSource::Process => f.write_str("Env(process)"),
            EnvSource::Fixed(vars) => {
                let mut names: Vec<&String> = vars.keys().collect();
                names.sort();
                f.debug_tuple("Env").field(&names).finish()
            }
        }
    }
}

/// Files: the real file system, or a fixed set of paths and contents.
#[derive(Clone)]
pub struct Fs(FsSource);

#[derive(Clone)]
enum FsSource {
    Real,
    Fixed(Arc<Mutex<HashMap<PathBuf, Vec<u8>>>>),
}

impl Fs {
    /// The real file system.
    pub fn real() -> Self {
        Fs(FsSource::Real)
    }

    /// These files only; every other path is not found.
    pub fn from_files<P: Into<PathBuf>, C: Into<Vec<u8>>>(files: impl IntoIterator<Item = (P, C)>) -> Self {
        Fs(FsSource::Fixed(Arc::new(Mutex::new(files.into_iter().map(|(p, c)| (p.into(), c.into())).collect()))))
    }

    /// A file's contents, `Ok(None)` when there is no file at `path`.
    ///
    /// # Errors
    /// When the file exists but cannot be read, or is not UTF-8.
    pub fn read_to_string(&self, path: &Path) -> io::Result<Option<String>> {
        let bytes = match &self.0 {
            FsSource::Real => match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e),
            },
            FsSource::Fixed(files) => match files.lock().unwrap_or_else(PoisonError::into_inner).get(path) {
                Some(bytes) => bytes.clone(),
                None => return Ok(None),
            },
        };
        String::from_utf8(bytes).map(Some).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Replaces a file's contents (creating its directory, as botocore's
    /// token cache does), through a temporary file beside it renamed over
    /// it, so a reader never sees half a file; on Unix only the user may
    /// read a new file.
    ///
    /// # Errors
    /// When the directory or file cannot be written.
    pub fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        match &self.0 {
            FsSource::Real => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                let mut temporary = path.as_os_str().to_owned();
                temporary.push(format!(".{}.tmp", std::process::id()));
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create(true).truncate(true);
                // Only the user may read it (tokens), as botocore's JSONFileCache writes.
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                io::Write::write_all(&mut options.open(&temporary)?, contents)?;
                std::fs::rename(&temporary, path)
            }
            FsSource::Fixed(files) => {
                files.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned(), contents.to_vec());
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Fs {
    /// Paths only: the files hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            FsSource::Real => f.write_str("Fs(real)"),
            FsSource::Fixed(files) => {
                let files = files.lock().unwrap_or_else(PoisonError::into_inner);
                let mut paths: Vec<&PathBuf> = files.keys().collect();
                paths.sort();
                f.debug_tuple("Fs").field(&paths).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_variables_are_unset() {
        let env = Env::from_vars([("A", ""), ("B", "b")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B").as_deref(), Some("b"));
        assert_eq!(env.get("C"), None);
        assert_eq!(env.first_of(&["A", "C", "B"]), Some(("B", "b".to_owned())));
    }

    #[test]
    fn home_is_home_then_userprofile_then_drive_and_path() {
        let home = |vars: &[(&str, &str)]| Env::from_vars(vars.iter().copied()).home_dir();
        assert_eq!(home(&[("HOME", "/h"), ("USERPROFILE", "C:\\u")]), Some("/h".into()));
        assert_eq!(home(&[("USERPROFILE", "C:\\u")]), Some("C:\\u".into()));
        assert_eq!(home(&[("HOMEDRIVE", "D:"), ("HOMEPATH", "\\p")]), Some("D:\\p".into()));
        assert_eq!(home(&[("HOMEDRIVE", "D:")]), None);
    }

    #[test]
    fn expands_variables_then_tilde() {
        let env = Env::from_vars([("HOME", "/home/me"), ("DIR", "/etc/aws"), ("X", "x")]);
        let expand = |p: &str| env.expand_path(p).unwrap();
        assert_eq!(expand("~/.aws/config"), PathBuf::from("/home/me/.aws/config"));
        assert_eq!(expand("~"), PathBuf::from("/home/me"));
        assert_eq!(expand("$DIR/config"), PathBuf::from("/etc/aws/config"));
        assert_eq!(expand("${DIR}/c-$X.ini"), PathBuf::from("/etc/aws/c-x.ini"));
        // Unset or malformed references stay as written, as in Python.
        assert_eq!(expand("$NOPE/${NOPE}/${X"), PathBuf::from("$NOPE/${NOPE}/${X"));
        assert_eq!(expand("a$"), PathBuf::from("a$"));
        assert_eq!(expand("~other/x"), PathBuf::from("~other/x"));
        assert_eq!(expand("/abs/~/x"), PathBuf::from("/abs/~/x"));
        let err = Env::from_vars([("A", "a")]).expand_path("~/.aws/config").unwrap_err();
        assert!(err.contains("HOME is not set"), "{err}");
    }

    #[test]
    fn debug_shows_names_and_paths_but_never_values() {
        let env = Env::from_vars([("AWS_SECRET_ACCESS_KEY", "s3cr3t")]);
        let text = format!("{env:?}");
        assert!(text.contains("AWS_SECRET_ACCESS_KEY") && !text.contains("s3cr3t"), "{text}");
        let fs = Fs::from_files([("/c", "aws_secret_access_key = s3cr3t")]);
        let text = format!("{fs:?}");
        assert!(text.contains("/c") && !text.contains("s3cr3t"), "{text}");
    }

    #[test]
    fn fixed_files_read_and_missing_ones_are_none() {
        let fs = Fs::from_files([("/a", b"text".to_vec()), ("/bad", vec![0xff, 0xfe])]);
        assert_eq!(fs.read_to_string(Path::new("/a")).unwrap().as_deref(), Some("text"));
        assert_eq!(fs.read_to_string(Path::new("/b")).unwrap(), None);
        assert_eq!(fs.read_to_string(Path::new("/bad")).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn written_files_are_read_back_by_every_clone() {
        let fs = Fs::from_files([("/a", "old")]);
        let clone = fs.clone();
        fs.write(Path::new("/a"), b"new").unwrap();
        fs.write(Path::new("/dir/b"), b"b").unwrap();
        assert_eq!(clone.read_to_string(Path::new("/a")).unwrap().as_deref(), Some("new"));
        assert_eq!(clone.read_to_string(Path::new("/dir/b")).unwrap().as_deref(), Some("b"));
        let dir = std::env::temp_dir().join(format!("lean-aws-os-test-{}", std::process::id()));
        let path = dir.join("sub").join("file.json");
        Fs::real().write(&path, b"{}").unwrap();
        assert_eq!(Fs::real().read_to_string(&path).unwrap().as_deref(), Some("{}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
