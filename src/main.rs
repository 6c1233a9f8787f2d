//! Thin entry point: parse the command line, run, map the error to an exit code.

fn main() -> std::process::ExitCode {
    checkpoint_kiosk::cli::main()
}
