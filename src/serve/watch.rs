//! Watches `hub.yaml`, `content/`, `themes/` and `i18n/` and reports settled batches
//! of changes.
//!
//! Events are debounced (an editor's save is often several events), editors' swap,
//! backup and temporary files are ignored, and `--poll` replaces file-system events
//! where they are unreliable (network drives, some virtual machines and WSL).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::discover::{is_ignored, CONTENT_DIR};
use crate::error::{Error, Result};
use crate::i18n::I18N_DIR;
use crate::theme::THEMES_DIR;

/// How long the files must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(40);
/// The longest a stream of changes may delay a rebuild.
const MAX_DELAY: Duration = Duration::from_millis(600);
/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// A running watcher and the events it sends.
pub struct Watch {
    root: PathBuf,
    watcher: Box<dyn Watcher>,
    receiver: mpsc::Receiver<notify::Result<notify::Event>>,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching the hub at `root`; changes made after this returns are seen.
    pub fn start(root: &Path, poll: bool) -> Result<Watch> {
        let (sender, receiver) = mpsc::channel();
        let mut watcher: Box<dyn Watcher> = if poll {
            // Modification times are compared in whole seconds, so two saves within one second
            // would look like one: compare the contents as well.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Box::new(notify::PollWatcher::new(sender, config).map_err(|e| watch_error(root, e))?)
        } else {
            Box::new(notify::recommended_watcher(sender).map_err(|e| watch_error(root, e))?)
        };
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        let mut watch = Watch {
            root: root.to_path_buf(),
            watcher,
            receiver,
            watched: Vec::new(),
        };
        watch_folders(watch.watcher.as_mut(), root, &mut watch.watched);
        Ok(watch)
    }

    /// Calls `on_change` with the changed paths after each settled batch; returns only
    /// if the watcher stops.
    pub fn run(mut self, mut on_change: impl FnMut(&[PathBuf])) {
        let root = self.root.clone();
        while let Ok(first) = self.receiver.recv() {
            let mut batch = Batch::default();
            batch.collect(&root, first);
            if batch.changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            while started.elapsed() < MAX_DELAY {
                match self.receiver.recv_timeout(QUIET) {
                    Ok(event) => batch.collect(&root, event),
                    Err(_) => break,
                }
            }
            watch_folders(self.watcher.as_mut(), &root, &mut self.watched);
            let changed = batch.settled();
            if !changed.is_empty() {
                on_change(&changed);
            }
        }
    }
}

/// Starts watching `content/`, `themes/` and `i18n/` once they exist (they may appear
/// later).
fn watch_folders(watcher: &mut dyn Watcher, root: &Path, watched: &mut Vec<PathBuf>) {
    for name in [CONTENT_DIR, THEMES_DIR, I18N_DIR] {
        let folder = root.join(name);
        if folder.is_dir() && !watched.contains(&folder) {
            match watcher.watch(&folder, RecursiveMode::Recursive) {
                Ok(()) => watched.push(folder),
                Err(e) => eprintln!(
                    "warning: cannot watch {}: {e}; changes there need a restart",
                    folder.display()
                ),
            }
        } else if !folder.is_dir() {
            watched.retain(|w| w != &folder);
        }
    }
}

/// The changes of one settled batch of events.
#[derive(Debug, Default)]
struct Batch {
    changed: Vec<PathBuf>,
    /// Paths whose first event in the batch created them.
    created: HashSet<PathBuf>,
}

impl Batch {
    fn collect(&mut self, root: &Path, event: notify::Result<notify::Event>) {
        match event {
            // The system dropped events: what changed is unknown, so the content folder
            // is named as a whole, and the rebuild looks at all of it.
            Ok(event) if event.need_rescan() => self.changed.push(root.join(CONTENT_DIR)),
            Ok(event) if !matches!(event.kind, EventKind::Access(_)) => {
                let creates = matches!(event.kind, EventKind::Create(_));
                for path in event.paths.into_iter().filter(|p| is_relevant(root, p)) {
                    if creates && !self.changed.contains(&path) {
                        self.created.insert(path.clone());
                    }
                    self.changed.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => eprintln!("warning: file watching reported: {e}"),
        }
    }

    /// The changed paths, sorted, without the files that came and went within the
    /// batch: an editor's temporary file (whatever its name) changes nothing.
    fn settled(mut self) -> Vec<PathBuf> {
        self.changed.sort();
        self.changed.dedup();
        let created = self.created;
        self.changed
            .retain(|p| !created.contains(p) || p.symlink_metadata().is_ok());
        self.changed
    }
}

/// True for changes that can affect the site: hub.yaml, and files under content/,
/// themes/ or i18n/ that are not editors' leftovers.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = components.next() else {
        return false;
    };
    if first == CONFIG_FILE {
        return true;
    }
    if first != CONTENT_DIR && first != THEMES_DIR && first != I18N_DIR {
        return false;
    }
    !rel.components()
        .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
}

fn watch_error(root: &Path, error: notify::Error) -> Error {
    Error::Refused {
        message: format!(
            "cannot watch `{}` for changes: {error}; try --poll",
            root.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_events_name_the_whole_content_folder() {
        let root = Path::new("/hub");
        let mut batch = Batch::default();
        let dropped = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        batch.collect(root, Ok(dropped));
        assert_eq!(batch.settled(), vec![PathBuf::from("/hub/content")]);
    }

    #[test]
    fn only_hub_files_trigger_rebuilds() {
        let root = Path::new("/hub");
        assert!(is_relevant(root, Path::new("/hub/hub.yaml")));
        assert!(is_relevant(root, Path::new("/hub/content/closure/a.md")));
        assert!(is_relevant(
            root,
            Path::new("/hub/themes/default/static/style.css")
        ));
        assert!(is_relevant(root, Path::new("/hub/i18n/es.yaml")));
        for ignored in [
            "/hub/public/index.html",
            "/hub/content/.a.md.swp",
            "/hub/content/a.md~",
            "/hub/i18n/.es.yaml.swp",
            "/hub/content/4913",
            "/hub/content/closure/sed4aLZS4",
            "/hub/content/closure/.#last-meeting.md",
            "/hub/content/closure/last-meeting.md___jb_tmp___",
            "/hub/.git/index",
            "/elsewhere/content/a.md",
        ] {
            assert!(!is_relevant(root, Path::new(ignored)), "{ignored}");
        }
    }

    #[test]
    fn a_file_that_came_and_went_within_a_batch_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("content/a.md");
        let gone = dir.path().join("content/a.md.tmp-4821");
        let deleted = dir.path().join("content/old.md");
        std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
        std::fs::write(&kept, "saved").unwrap();
        let event = |kind, path: &PathBuf| Ok(notify::Event::new(kind).add_path(path.clone()));
        let create = EventKind::Create(notify::event::CreateKind::File);
        let remove = EventKind::Remove(notify::event::RemoveKind::File);
        let mut batch = Batch::default();
        // An editor's save: a temporary file written, then renamed over the page.
        batch.collect(dir.path(), event(create, &gone));
        batch.collect(dir.path(), event(remove, &gone));
        batch.collect(dir.path(), event(create, &kept));
        batch.collect(dir.path(), event(remove, &deleted));
        assert_eq!(batch.settled(), [kept, deleted]);
    }
}
