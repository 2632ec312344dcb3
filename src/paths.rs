//! Where the program's files are: the configuration file it found, and the
//! database, key file, head file and reports folder that configuration names.
//!
//! The configuration is found in this order: `--config`,
//! `$DC_ACCESS_CONFIG`, `./config/dc-access.toml` (a checkout: `cargo run
//! --release`), `/etc/dc-access/dc-access.toml` (the installed package).
//! Every relative path inside a configuration file is relative to the
//! folder of that file, never to the working directory; `--db` (a command
//! line argument) is relative to the working directory as usual.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigError};

/// The environment variable naming the configuration file.
pub const CONFIG_ENV: &str = "DC_ACCESS_CONFIG";
/// The configuration of a checkout, relative to the working directory.
pub const CHECKOUT_CONFIG: &str = "config/dc-access.toml";
/// The configuration of the installed package.
pub const SYSTEM_CONFIG: &str = "/etc/dc-access/dc-access.toml";

/// How the configuration file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigSource {
    /// `--config PATH`.
    Flag,
    /// `$DC_ACCESS_CONFIG`.
    Env,
    /// `./config/dc-access.toml` in the working directory.
    Checkout,
    /// `/etc/dc-access/dc-access.toml`.
    System,
}

impl fmt::Display for ConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Flag => "--config",
            Self::Env => "$DC_ACCESS_CONFIG",
            Self::Checkout => "./config/dc-access.toml",
            Self::System => "/etc/dc-access/dc-access.toml",
        })
    }
}

/// Finds the configuration file. `env` is the value of
/// `$DC_ACCESS_CONFIG`, `cwd` the working directory and `system` the
/// installed package's file (parameters so tests need not touch `/etc`).
///
/// `--config` and `$DC_ACCESS_CONFIG` name a file that must exist; the two
/// fixed places are used only when the file is there.
pub fn find_config(
    flag: Option<&Path>,
    env: Option<&OsStr>,
    cwd: &Path,
    system: &Path,
) -> Result<(PathBuf, ConfigSource), ConfigError> {
    if let Some(p) = flag {
        return Ok((absolute(cwd, p), ConfigSource::Flag));
    }
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok((absolute(cwd, Path::new(p)), ConfigSource::Env));
    }
    let checkout = cwd.join(CHECKOUT_CONFIG);
    if checkout.is_file() {
        return Ok((checkout, ConfigSource::Checkout));
    }
    if system.is_file() {
        return Ok((system.to_path_buf(), ConfigSource::System));
    }
    Err(ConfigError::NoneFound {
        checkout,
        system: system.to_path_buf(),
    })
}

/// `p` made absolute against `cwd` (without touching the file system).
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

/// `p` without `..` and symlinks where the file or its folder exists
/// (`/srv/config/../data/x.db` reads better as `/srv/data/x.db`); as it is
/// otherwise.
fn tidy(p: &Path) -> PathBuf {
    if let Ok(real) = p.canonicalize() {
        return real;
    }
    match (p.parent().map(Path::canonicalize), p.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => p.to_path_buf(),
    }
}

/// The files one run uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The configuration file.
    pub config: PathBuf,
    /// How it was found.
    pub source: ConfigSource,
    /// The `SQLite` database.
    pub database: PathBuf,
    /// The secret key file (PIN pepper, audit HMAC).
    pub key: PathBuf,
    /// The chain head witness beside the key file.
    pub head: PathBuf,
    /// Where documents are saved.
    pub reports: PathBuf,
}

impl Paths {
    /// The paths the configuration at `config_file` names, each relative
    /// path taken against that file's folder; `db_flag` (`--db`, already
    /// absolute) overrides the database.
    pub fn resolve(
        config_file: &Path,
        source: ConfigSource,
        config: &Config,
        db_flag: Option<&Path>,
    ) -> Paths {
        let base = config_file.parent().unwrap_or(Path::new("/"));
        let database = db_flag.map_or_else(|| base.join(&config.store.database), Path::to_path_buf);
        let key = if config.store.key_file.is_empty() {
            crate::store::default_key_path(&database)
        } else {
            base.join(&config.store.key_file)
        };
        let database = tidy(&database);
        let key = tidy(&key);
        let head = crate::store::head_path(&key);
        let reports = tidy(&base.join(&config.report.reports_dir));
        Paths {
            config: config_file.to_path_buf(),
            source,
            database,
            key,
            head,
            reports,
        }
    }

    /// The configuration with its paths replaced by the resolved ones, so
    /// the rest of the program never sees a path relative to the config.
    pub fn apply(&self, config: &mut Config) {
        config.store.database = self.database.display().to_string();
        config.store.key_file = self.key.display().to_string();
        config.report.reports_dir = self.reports.display().to_string();
    }
}

impl fmt::Display for Paths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "config    {}  (from {})",
            self.config.display(),
            self.source
        )?;
        writeln!(f, "database  {}", self.database.display())?;
        writeln!(f, "key       {}", self.key.display())?;
        writeln!(f, "head      {}", self.head.display())?;
        writeln!(f, "reports   {}", self.reports.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_flag_env_checkout_system() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = dir.path().join("work");
        let system = dir.path().join("etc/dc-access.toml");
        std::fs::create_dir_all(cwd.join("config")).unwrap();
        std::fs::create_dir_all(system.parent().unwrap()).unwrap();
        let find = |flag: Option<&str>, env: Option<&str>| {
            find_config(flag.map(Path::new), env.map(OsStr::new), &cwd, &system)
        };
        // Nothing there: the message names both places looked at.
        let e = find(None, None).unwrap_err().to_string();
        assert!(e.contains("config/dc-access.toml"), "{e}");
        assert!(e.contains("etc/dc-access.toml"), "{e}");
        std::fs::write(&system, "").unwrap();
        assert_eq!(
            find(None, None).unwrap(),
            (system.clone(), ConfigSource::System)
        );
        std::fs::write(cwd.join(CHECKOUT_CONFIG), "").unwrap();
        assert_eq!(
            find(None, None).unwrap(),
            (cwd.join(CHECKOUT_CONFIG), ConfigSource::Checkout)
        );
        assert_eq!(
            find(None, Some("e.toml")).unwrap(),
            (cwd.join("e.toml"), ConfigSource::Env)
        );
        assert_eq!(
            find(None, Some("")).unwrap().1,
            ConfigSource::Checkout,
            "an empty variable is no variable"
        );
        assert_eq!(
            find(Some("/x/f.toml"), Some("e.toml")).unwrap(),
            (PathBuf::from("/x/f.toml"), ConfigSource::Flag)
        );
    }

    #[test]
    fn relative_paths_follow_the_config_file() {
        let mut c = Config::default();
        let file = Path::new("/srv/door/config/dc-access.toml");
        let p = Paths::resolve(file, ConfigSource::Flag, &c, None);
        assert_eq!(
            p.database,
            Path::new("/srv/door/config/../data/dc-access.db")
        );
        assert_eq!(p.key, Path::new("/srv/door/config/../data/dc-access.key"));
        assert_eq!(p.head, Path::new("/srv/door/config/../data/dc-access.head"));
        assert_eq!(p.reports, Path::new("/srv/door/config/../data/reports"));

        c.store.database = "/var/lib/dc-access/dc-access.db".into();
        c.store.key_file = "secret/k.key".into();
        c.report.reports_dir = "/var/lib/dc-access/reports".into();
        let p = Paths::resolve(file, ConfigSource::Flag, &c, None);
        assert_eq!(p.database, Path::new("/var/lib/dc-access/dc-access.db"));
        assert_eq!(p.key, Path::new("/srv/door/config/secret/k.key"));
        assert_eq!(p.reports, Path::new("/var/lib/dc-access/reports"));

        let p = Paths::resolve(file, ConfigSource::Flag, &c, Some(Path::new("/tmp/o.db")));
        assert_eq!(p.database, Path::new("/tmp/o.db"));
        assert_eq!(
            p.key,
            Path::new("/srv/door/config/secret/k.key"),
            "a configured key stays"
        );
        c.store.key_file = String::new();
        let p = Paths::resolve(file, ConfigSource::Flag, &c, Some(Path::new("/tmp/o.db")));
        assert_eq!(p.key, Path::new("/tmp/o.key"), "else beside --db");

        p.apply(&mut c);
        assert_eq!(c.store.database, "/tmp/o.db");
        assert_eq!(c.report.reports_dir, "/var/lib/dc-access/reports");
    }
}
