//! Lines for the command line's standard output and error that never
//! panic. `println!` and `eprintln!` panic when the stream is a pipe whose
//! reader has gone (`dc-access verify 2>&1 | head -3`): the command then
//! died with exit code 101 instead of its own. A line nobody can read any
//! more is dropped, and the command ends as it would have.

/// `println!` that drops the line when standard output is closed.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` that drops the text when standard output is closed.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` that drops the line when standard error is closed.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprint!` that drops the text when standard error is closed.
macro_rules! tell_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}
