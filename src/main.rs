//! `dc-access`: the door console. Everything lives in the library; see
//! `dc_access::cli` for the command line.

fn main() -> std::process::ExitCode {
    dc_access::cli::main()
}
