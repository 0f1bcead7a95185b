//! The `missiedocs` command; everything it does is in [`missiedocs::cli`].

fn main() -> std::process::ExitCode {
    missiedocs::cli::main()
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
