//! Files the program creates are owner-only: folders 0700, files 0600.
//! The process umask (077, set first thing in `main`) covers what `SQLite`
//! creates (database, WAL, SHM); the helpers here also set the mode
//! explicitly where the program creates a file or folder itself, so the
//! library is owner-only whoever calls it.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// Set the process umask to 077: group and others get nothing of any file
/// or folder created from here on. Call before opening anything.
pub fn owner_only_umask() {
    #[cfg(unix)]
    {
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    }
}

/// Create a folder and its missing parents, owner-only (0700).
///
/// # Errors
/// As [`DirBuilder::create`].
pub fn create_dir_private(dir: &Path) -> io::Result<()> {
    let mut b = DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    b.mode(0o700);
    b.create(dir)
}

fn private(opts: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    opts.mode(0o600);
    opts
}

/// Create a new file, owner-only (0600); an existing file is an error.
///
/// # Errors
/// As [`OpenOptions::open`] (`AlreadyExists` when the file exists).
pub fn create_new_private(path: &Path) -> io::Result<File> {
    private(OpenOptions::new().write(true).create_new(true)).open(path)
}

/// Create the file owner-only (0600) if it is missing; an existing file is
/// left as it is.
///
/// # Errors
/// As [`OpenOptions::open`].
pub fn touch_private(path: &Path) -> io::Result<()> {
    private(OpenOptions::new().append(true).create(true))
        .open(path)
        .map(drop)
}

/// Open `path` for writing from its start, emptied; created owner-only
/// (0600).
///
/// # Errors
/// As [`OpenOptions::open`].
pub fn create_private(path: &Path) -> io::Result<File> {
    private(OpenOptions::new().write(true).create(true).truncate(true)).open(path)
}

/// Write `bytes` to `path`, replacing it; created owner-only (0600).
///
/// # Errors
/// As [`OpenOptions::open`] and [`Write::write_all`].
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = private(OpenOptions::new().write(true).create(true).truncate(true)).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
