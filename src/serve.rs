//! `guidepost serve`: builds the hub in memory, serves it over HTTP, watches the
//! hub's files, rebuilds on change and reloads open pages.
//!
//! In: [`ServeOptions`]. Out: a running server until the process is stopped. The
//! site is kept in memory and swapped whole after each successful rebuild, so a
//! reader never gets a half-built page; a failed rebuild keeps the last good site
//! and shows the error in the browser and the terminal. Every file is served from
//! bytes taken when its build was made, never read from the hub at request time.

mod copies;
mod http;
pub mod incremental;
mod linger;
mod lookup;
mod pool;
mod request;
mod response;
mod streams;
mod watch;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::output::Contents;
use crate::sync::lock;
use crate::BuildOptions;
use copies::Copies;
use incremental::{Incremental, Rebuilt};
use streams::Note;

/// A built site's files by output path (`closure/index.html`), as served.
pub type Files = HashMap<String, Arc<Vec<u8>>, rustc_hash::FxBuildHasher>;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub bind: String,
    /// The port to try first; 0 lets the system choose.
    pub port: u16,
    /// Poll the files instead of relying on file-system events.
    pub poll: bool,
    /// Open the hub in the default browser once it is served.
    pub open: bool,
}

/// One built site as the server sees it.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output files by path (`closure/index.html`).
    pub files: Arc<Files>,
    /// The problems of the latest rebuild, if it failed (the files are the last good ones).
    pub error: Option<String>,
    /// Counts successful builds, so a page can tell whether it is out of date.
    pub generation: u64,
}

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// A new build is in place.
    Reload,
    /// The latest rebuild failed with these messages.
    Error(String),
    /// The search index and handbooks of the latest rebuild are in place.
    Background,
}

/// The first search index of a `serve`, which requests may wait for; later ones
/// replace an index that is already served, so nothing waits for them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum FirstIndex {
    #[default]
    NotAsked,
    Building,
    Done,
}

/// State shared by the server threads and the rebuild loop.
#[derive(Debug, Default)]
pub struct Shared {
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// The search page and index and the handbooks, made after the pages so an
    /// edit reaches the browser sooner; served beside the snapshot.
    pub search: RwLock<Arc<Files>>,
    /// Where the first search index is: a request that finds nothing while it is
    /// being built waits for it, rather than getting a 404 that a moment later would
    /// have been the search page.
    first_index: Mutex<FirstIndex>,
    first_index_done: Condvar,
    /// Where live events go: the thread that streams them to open pages.
    clients: Mutex<Vec<Sender<Note>>>,
}

impl Shared {
    /// The current site.
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default()
    }

    /// The current search page and index.
    pub fn search_files(&self) -> Arc<Files> {
        self.search
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default()
    }

    /// Notes that a search index is on its way.
    fn expect_search(&self) {
        let mut first = lock(&self.first_index);
        if *first == FirstIndex::NotAsked {
            *first = FirstIndex::Building;
        }
    }

    /// Serves a new search index, or ends the wait for one that failed to build.
    fn finish_search(&self, files: Option<Arc<Files>>) {
        if let Some(files) = files {
            if let Ok(mut current) = self.search.write() {
                *current = files;
            }
        }
        *lock(&self.first_index) = FirstIndex::Done;
        self.first_index_done.notify_all();
    }

    /// Waits, at most `limit`, for a first search index that is being built;
    /// returns whether there was one to wait for.
    pub fn wait_for_search(&self, limit: Duration) -> bool {
        let first = lock(&self.first_index);
        if *first != FirstIndex::Building {
            return false;
        }
        let _ = self
            .first_index_done
            .wait_timeout_while(first, limit, |first| *first == FirstIndex::Building);
        true
    }

    /// Tells every open page, dropping pages that have gone away.
    pub fn broadcast(&self, event: LiveEvent) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|client| client.send(Note::Event(event.clone())).is_ok());
        }
    }
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(mut options: ServeOptions) -> Result<()> {
    // Absolute, so watched paths and messages are unambiguous whatever the working folder.
    if let Ok(root) = std::fs::canonicalize(&options.build.root) {
        options.build.root = root;
    }
    options.build.background = true;
    let shared = Arc::new(Shared::default());
    let started = Instant::now();
    let mut cache = Incremental::default();
    let mut copies = Copies::default();
    // Where file events are unreliable, so may modification times be.
    cache.read_every_file(options.poll);
    copies.read_every_file = options.poll;
    let search = search_worker(Arc::clone(&shared), options.build.root.clone());
    let pages = rebuild(
        &options.build,
        &shared,
        &mut cache,
        &mut copies,
        &search,
        &[],
    );
    let watch = watch::Watch::start(&options.build.root, options.poll)?;
    let listener = bind(&options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("read the address of", PathBuf::from(&options.bind), e))?;
    let url = format!("http://{}/", display_address(address));
    match pages {
        Some(count) => println!(
            "Built {count} pages in {} ms.",
            started.elapsed().as_millis()
        ),
        None => println!("The first build failed; fix the errors above and the page will reload."),
    }
    println!(
        "Serving {} at {url} (Ctrl-C to stop)",
        options.build.root.display()
    );
    let server_shared = Arc::clone(&shared);
    std::thread::spawn(move || pool::run(listener, server_shared, pool::Limits::default()));
    if options.open {
        open_browser(&url);
    }
    let root = options.build.root.clone();
    watch.run(|changed| {
        let started = Instant::now();
        let what = describe_changes(&root, changed);
        match rebuild(
            &options.build,
            &shared,
            &mut cache,
            &mut copies,
            &search,
            changed,
        ) {
            Some(_) => println!(
                "Rebuilt in {} ms ({what}; {} rendered again).",
                started.elapsed().as_millis(),
                match cache.rendered_last() {
                    1 => "1 page".to_string(),
                    n => format!("{n} pages"),
                }
            ),
            None => eprintln!("The rebuild failed ({what}); the last good build is still served."),
        }
        cache.let_go();
    });
    Ok(())
}

/// Rebuilds into memory after the files `changed` changed (none named for the first
/// build) and swaps the new site in; returns the page count on success.
fn rebuild(
    options: &BuildOptions,
    shared: &Shared,
    cache: &mut Incremental,
    copies: &mut Copies,
    search: &Sender<Arc<crate::Loaded>>,
    changed: &[PathBuf],
) -> Option<usize> {
    let (loaded, rebuilt) = match cache.rebuild(options, changed) {
        Ok(built) => built,
        Err(error) => return refuse(shared, error_text(&error)),
    };
    for warning in &loaded.warnings {
        eprintln!("{warning}");
    }
    let files = match rebuilt {
        // Copied files are read now, so what is served can only change with a new build.
        Rebuilt::Whole(files) | Rebuilt::Reordered(files) => {
            match copies.freeze(files, &options.root) {
                Ok(files) => files,
                Err(problems) => {
                    // What was not served cannot be patched.
                    cache.forget_site();
                    return refuse(
                        shared,
                        error_text(&Error::Invalid {
                            diagnostics: problems,
                        }),
                    );
                }
            }
        }
        Rebuilt::Patched(made) => {
            let mut files = Files::clone(&shared.current().files);
            for file in made {
                if let Contents::Bytes(bytes) = file.contents {
                    files.insert(file.path, bytes);
                }
            }
            files
        }
    };
    let count = files.keys().filter(|path| path.ends_with(".html")).count();
    let files = Arc::new(files);
    let mut served = None;
    if let Ok(mut snapshot) = shared.snapshot.write() {
        let generation = snapshot.generation + 1;
        served = Some(std::mem::replace(
            &mut *snapshot,
            Arc::new(Snapshot {
                files,
                error: None,
                generation,
            }),
        ));
    }
    shared.broadcast(LiveEvent::Reload);
    // What was served until now goes with the rest, once no request holds it.
    cache.discard(served);
    // The pages are live; the search index and the handbooks follow in the background.
    shared.expect_search();
    if search.send(loaded).is_err() {
        shared.finish_search(None);
    }
    Some(count)
}

/// Keeps the last good site served and tells the terminal and open pages why the
/// rebuild failed.
fn refuse(shared: &Shared, text: String) -> Option<usize> {
    eprintln!("{text}");
    if let Ok(mut snapshot) = shared.snapshot.write() {
        let files = Arc::clone(&snapshot.files);
        let generation = snapshot.generation;
        *snapshot = Arc::new(Snapshot {
            files,
            error: Some(text.clone()),
            generation,
        });
    }
    shared.broadcast(LiveEvent::Error(text));
    None
}

/// How long the search index waits for the writer to pause before it is rebuilt.
const SEARCH_PAUSE: Duration = Duration::from_millis(400);

/// Keeps the served search index and handbooks up to date with the served pages, on
/// one thread of its own: while edits keep coming, only the latest site is indexed,
/// once they pause, so the next edit's rebuild is not kept waiting for what is made
/// from the whole hub.
fn search_worker(shared: Arc<Shared>, root: PathBuf) -> Sender<Arc<crate::Loaded>> {
    let (sender, receiver) = mpsc::channel::<Arc<crate::Loaded>>();
    std::thread::spawn(move || {
        // One worker thread of its own, so the index never takes both cores from a rebuild.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        while let Ok(mut latest) = receiver.recv() {
            // The first index is wanted at once; later ones wait for a pause.
            if *lock(&shared.first_index) == FirstIndex::Done {
                loop {
                    match receiver.recv_timeout(SEARCH_PAUSE) {
                        Ok(newer) => latest = newer,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            }
            // Every language's index and handbooks.
            let build = || -> Result<Vec<crate::output::OutputFile>, crate::Diagnostic> {
                let mut files = Vec::new();
                for site in latest.sites() {
                    files.extend(crate::search::output(site)?);
                    files.extend(crate::render::background_pages(site, &latest.theme)?);
                }
                Ok(files)
            };
            let result = match &pool {
                Some(pool) => pool.install(build),
                None => build(),
            };
            // The index is all rendered bytes; freezing only changes their type.
            let files = result
                .map_err(|problem| vec![problem])
                .and_then(|files| Copies::default().freeze(files, &root));
            match files {
                Ok(files) => {
                    shared.finish_search(Some(Arc::new(files)));
                    // An open handbook shows the edit now.
                    shared.broadcast(LiveEvent::Background);
                }
                Err(problems) => {
                    for problem in problems {
                        eprintln!("{problem}");
                    }
                    shared.finish_search(None);
                }
            }
        }
    });
    sender
}

fn error_text(error: &Error) -> String {
    match error {
        Error::Invalid { diagnostics } => {
            let lines: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect();
            lines.join("\n")
        }
        other => crate::theme::error_chain(other),
    }
}

/// Binds to `port`, or to the next free port when it is taken (said plainly).
fn bind(host: &str, port: u16) -> Result<TcpListener> {
    let attempts = if port == 0 { 1 } else { 20 };
    let mut last_error = None;
    for offset in 0..attempts {
        let candidate = port.saturating_add(offset);
        match TcpListener::bind((host, candidate)) {
            Ok(listener) => {
                if offset > 0 {
                    println!(
                        "Port {port} is in use, so the hub is served on port {candidate} instead."
                    );
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => {
                return Err(Error::Refused {
                    message: format!("cannot listen on {host}:{candidate}: {e}"),
                })
            }
        }
    }
    Err(Error::Refused {
        message: format!(
            "ports {port} to {} are all in use ({}); pass another with --port",
            port.saturating_add(attempts - 1),
            last_error.map(|e| e.to_string()).unwrap_or_default()
        ),
    })
}

fn display_address(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("localhost:{}", address.port())
    } else {
        address.to_string()
    }
}

fn describe_changes(root: &std::path::Path, changed: &[PathBuf]) -> String {
    let shown: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    match changed.len() {
        0 => "no file named".to_string(),
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(command.0)
        .args(&command.1)
        .spawn()
    {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}
