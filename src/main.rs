//! The `guidepost` command line: parses arguments, runs a library stage, prints the outcome.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use guidepost::import::{self, ImportError, ImportOptions};
use guidepost::scaffold::ci::Ci;
use guidepost::scaffold::{self, NewKind};
use guidepost::serve::ServeOptions;
use guidepost::{BuildOptions, Diagnostic, Error};

/// Build a mentoring program's resource hub: guidance, FAQs and fill-in templates
/// written in Markdown, published as a fast, accessible static help center.
#[derive(Debug, Parser)]
#[command(name = "guidepost", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new hub with example content in DIR (default: the current folder)
    Init {
        /// Folder to create the hub in; it must not already hold one
        dir: Option<PathBuf>,
        /// Also write the workflow that publishes the hub (GitHub Pages or GitLab
        /// Pages); in a folder that already holds a hub, write only that
        #[arg(long, value_enum, value_name = "HOST")]
        ci: Option<CiHost>,
    },
    /// Build the hub into a static site
    Build {
        /// The hub's folder (the one with hub.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: public inside the hub's folder]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Publish at this address instead of hub.yaml's base_url
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Build the hub, serve it on this computer and rebuild it as you edit
    Serve {
        /// The hub's folder (the one with hub.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on (the next free one is used if it is taken; 0 picks any)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; the default keeps the preview on this computer
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the hub in your web browser
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Check files for changes every 300 ms instead of relying on file-system events
        /// (for network drives, virtual machines and WSL)
        #[arg(long)]
        poll: bool,
        /// Stop when standard input closes (for tests and tools that run the preview)
        #[arg(long, hide = true)]
        exit_on_stdin_eof: bool,
    },
    /// Run every check (links, front matter, templates, theme) without writing anything
    Check {
        /// The hub's folder (the one with hub.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings (orphan templates, pages due for review…) as errors
        #[arg(long)]
        strict: bool,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Bring in pages from a Hugo, Jekyll, MkDocs or Docusaurus site, or a Word document
    Import {
        /// The site's folder, or a .docx file (it is only read, never changed)
        source: PathBuf,
        /// The hub to add the pages to, or a new folder to make a hub in
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// The generator that made the site, when no configuration file tells
        #[arg(long, value_enum)]
        from: Option<Generator>,
        /// Make a Word document a template: highlighted, [bracketed] and <<marked>> blanks become fields
        #[arg(long)]
        template: bool,
        /// Replace pages that already exist
        #[arg(long)]
        force: bool,
    },
    /// Create a new article or template with its front matter filled in
    New {
        /// What to create
        kind: Kind,
        /// Its path inside content/, without .md (closure/saying-goodbye); a template
        /// given only a name goes into templates/
        path: String,
        /// The page title [default: made from the file name]
        #[arg(long)]
        title: Option<String>,
        /// The hub's folder (the one with hub.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// A site generator whose Markdown `import` reads.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Generator {
    Hugo,
    Jekyll,
    Mkdocs,
    Docusaurus,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CiHost {
    Github,
    Gitlab,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Article,
    Template,
}

fn main() -> ExitCode {
    keep_freed_memory_reusable();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            report_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// Large blocks (a page's text, a search shard, a handbook) are given back to the
/// system when freed, not kept in the heap. glibc's default raises that bar each
/// time such a block is freed, until whole pages' worth of freed text sits in the
/// heap in pieces too small to reuse: a 10,000-article build then held 400 MB where
/// it needed 350.
fn keep_freed_memory_reusable() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a number in the allocator; it runs before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init { dir, ci } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            let ci = ci.map(|host| match host {
                CiHost::Github => Ci::Github,
                CiHost::Gitlab => Ci::Gitlab,
            });
            let has_hub = dir.join(guidepost::config::CONFIG_FILE).exists();
            if !(has_hub && ci.is_some()) {
                let written = scaffold::init(&dir)?;
                println!(
                    "Created a hub with {} files in {}.",
                    written.len(),
                    dir.display()
                );
            }
            if let Some(ci) = ci {
                let written = scaffold::ci::write(&dir, ci)?;
                println!("Wrote {}.", written.display());
                if scaffold::ci::source().is_none() {
                    println!(
                        "Before you push it, set GUIDEPOST_GIT in it to the git address of Guidepost's source code."
                    );
                }
            }
            let root = if dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", dir.display())
            };
            println!("Next: guidepost build{root}   (then open public/index.html)");
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            root,
            out,
            drafts,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                drafts,
                base_url,
                background: false,
            };
            let report = guidepost::build(&options, &out)?;
            print_diagnostics(&report.warnings);
            println!("{}", report.summary(&out));
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            poll,
            exit_on_stdin_eof,
        } => {
            if exit_on_stdin_eof {
                std::thread::spawn(|| {
                    let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
                    std::process::exit(0);
                });
            }
            let build = BuildOptions {
                root,
                drafts,
                base_url: None,
                background: false,
            };
            let options = ServeOptions {
                build,
                bind,
                port,
                poll,
                open,
            };
            guidepost::serve::serve(options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            root,
            strict,
            drafts,
        } => {
            let warnings = guidepost::check(&BuildOptions {
                root,
                drafts,
                base_url: None,
                background: false,
            })?;
            print_diagnostics(&warnings);
            // Notes (how much of each language is translated) are information only.
            let warnings = warnings.iter().filter(|d| d.is_warning()).count();
            if strict && warnings > 0 {
                eprintln!(
                    "check failed: {} (--strict treats warnings as errors)",
                    count(warnings, "warning")
                );
                return Ok(ExitCode::FAILURE);
            }
            match warnings {
                0 => println!("No problems found."),
                n => println!("No errors; {}.", count(n, "warning")),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            source,
            into,
            from,
            template,
            force,
        } => run_import(ImportOptions {
            source,
            from: from.map(|g| match g {
                Generator::Hugo => import::Generator::Hugo,
                Generator::Jekyll => import::Generator::Jekyll,
                Generator::Mkdocs => import::Generator::MkDocs,
                Generator::Docusaurus => import::Generator::Docusaurus,
            }),
            into,
            template,
            force,
        }),
        Command::New {
            kind,
            path,
            title,
            root,
        } => {
            let kind = match kind {
                Kind::Article => NewKind::Article,
                Kind::Template => NewKind::Template,
            };
            if !root.join(guidepost::config::CONFIG_FILE).exists() {
                return Err(Error::Refused {
                    message: format!(
                        "`{}` has no hub.yaml; run this inside a hub or pass --root",
                        root.display()
                    ),
                });
            }
            let created = scaffold::new_page(&root, kind, &path, title.as_deref())?;
            let shown = |p: &Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
            for index in &created.indexes {
                println!(
                    "Created {} for the new folder: give it a description there (listings show its title and description)",
                    shown(index)
                );
            }
            println!("Created {}", shown(&created.page));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Imports, prints the report, then checks the hub the pages went into.
fn run_import(options: ImportOptions) -> Result<ExitCode, Error> {
    let imported = match import::import(&options) {
        Ok(imported) => imported,
        Err(ImportError::Source { problems }) => {
            print_diagnostics(&problems);
            eprintln!(
                "import failed: {} in the source; nothing was written",
                count(problems.len(), "problem")
            );
            return Ok(ExitCode::FAILURE);
        }
        Err(other) => {
            let mut text = format!("error: {other}");
            let mut source = std::error::Error::source(&other);
            while let Some(cause) = source {
                text.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprintln!("{text}\nNothing was written.");
            return Ok(ExitCode::FAILURE);
        }
    };
    print!("{}", imported.report_text);
    let into = &options.into;
    println!(
        "\nWrote {} into {} (this report is also in {}).",
        count(imported.written.len() - 1, "file"),
        into.display(),
        into.join(import::REPORT_FILE).display()
    );
    println!("Checking the hub:");
    let checked = guidepost::check(&BuildOptions {
        root: into.clone(),
        drafts: false,
        base_url: None,
        background: false,
    });
    match checked {
        Ok(warnings) => {
            print_diagnostics(&warnings);
            match warnings.len() {
                0 => println!("No problems found."),
                n => println!("No errors; {}.", count(n, "warning")),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Invalid { diagnostics }) => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "check found {}: the pages were imported; fix them before you build",
                count(errors, "error")
            );
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other),
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn report_error(error: &Error) {
    match error {
        Error::Invalid { diagnostics } => {
            print_diagnostics(diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("failed: {}; nothing was written", count(errors, "error"));
        }
        other => {
            let mut text = format!("error: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                text.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            eprintln!("{text}");
        }
    }
}
