//! The `missiedocs` command; everything it does is in [`missiedocs::cli`].

/// Typst allocates and frees many small objects per paragraph; mimalloc
/// does that faster than the system allocator (see docs/benchmarks.md). Built
/// without transparent huge pages (`no_thp`): zeroing 2 MiB pages each time
/// freed memory is used again cost more than it saved (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    missiedocs::cli::main()
}
