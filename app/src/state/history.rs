//! Undo and redo over whole designs: simple, and designs are small.

/// How many steps undo remembers.
const DEPTH: usize = 100;

/// Past and undone states of a value.
#[derive(Debug, Clone)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Remembers `previous` before an edit; an edit forgets what was undone.
    pub fn record(&mut self, previous: T) {
        self.undo.push(previous);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The state before `current`, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    /// The state undone last, if any; `current` becomes undoable.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    /// The state before `current`, which is dropped for good: an edit that
    /// turned out refused, not one to redo.
    pub fn forget(&mut self) -> Option<T> {
        self.undo.pop()
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut history = History::default();
        history.record(1);
        history.record(2);
        assert_eq!(history.undo(3), Some(2));
        assert_eq!(history.undo(2), Some(1));
        assert_eq!(history.undo(1), None);
        assert_eq!(history.redo(1), Some(2));
        history.record(2);
        assert!(!history.can_redo(), "an edit forgets what was undone");
    }

    #[test]
    fn a_forgotten_edit_cannot_be_redone() {
        let mut history = History::default();
        history.record(1);
        history.record(2);
        assert_eq!(history.forget(), Some(2));
        assert!(!history.can_redo());
        assert_eq!(history.undo(2), Some(1));
    }

    #[test]
    fn depth_is_bounded() {
        let mut history = History::default();
        for i in 0..(DEPTH + 10) {
            history.record(i);
        }
        let mut steps = 0;
        let mut current = usize::MAX;
        while let Some(previous) = history.undo(current) {
            current = previous;
            steps += 1;
        }
        assert_eq!(steps, DEPTH);
    }
}
