//! Thin entry point: parse the command line, run, map the error to an exit code.

fn main() -> std::process::ExitCode {
    not_dumpable();
    checkpoint_kiosk::cli::main()
}

/// The process holds the database passphrase once unlocked: no core dump of it, and no other
/// process of the same user may attach to it or read its memory (issue 24).
fn not_dumpable() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_DUMPABLE, 0) takes no pointers and only changes this process's flag.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}
