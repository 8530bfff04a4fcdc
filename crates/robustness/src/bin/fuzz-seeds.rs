//! Writes each fuzz target's seeds (see `Target::seeds`) to `DIR/<target>/`, for
//! `scripts/fuzz`: `fuzz-seeds DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use mizan_robustness::Target;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fuzz-seeds DIR");
        return ExitCode::FAILURE;
    };
    for target in Target::ALL {
        let folder = dir.join(target.name());
        let written = std::fs::create_dir_all(&folder).and_then(|()| {
            let seeds = target.seeds();
            for (name, bytes) in &seeds {
                std::fs::write(folder.join(name), bytes)?;
            }
            Ok(seeds.len())
        });
        match written {
            Ok(count) => println!("{}: {count} seeds", target.name()),
            Err(e) => {
                eprintln!("{}: {e}", folder.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
