//! Lookups of the model by mission id: a document's mission, and a
//! mission's members and results, found without going through every row
//! for every document (a national run has a hundred thousand missions).
//! Made once, on first use; the model is not changed after it is read.

use std::collections::HashMap;

use super::{Deelnemer, Missie, Model, Resultaat};

/// Rows of the model by mission id, in sheet order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    missies: HashMap<String, Vec<usize>>,
    deelnemers: HashMap<String, Vec<usize>>,
    resultaten: HashMap<String, Vec<usize>>,
}

impl Index {
    fn of(model: &Model) -> Index {
        fn by<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, Vec<usize>> {
            let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, id) in ids.enumerate() {
                rows.entry(id.to_string()).or_default().push(i);
            }
            rows
        }
        Index {
            missies: by(model.missies.iter().map(|m| m.missie.as_str())),
            deelnemers: by(model.deelnemers.iter().map(|d| d.missie.as_str())),
            resultaten: by(model.resultaten.iter().map(|r| r.missie.as_str())),
        }
    }
}

/// The rows of `all` at these places.
fn rows<'a, T>(all: &'a [T], at: Option<&'a Vec<usize>>) -> impl Iterator<Item = &'a T> {
    at.into_iter().flatten().filter_map(|&i| all.get(i))
}

impl Model {
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(self))
    }

    /// The missions with this id, in sheet order (more than one is a
    /// problem the checks report).
    pub fn missions_with(&self, id: &str) -> impl Iterator<Item = &Missie> {
        rows(&self.missies, self.index().missies.get(id))
    }

    /// The first mission with this id.
    pub fn mission(&self, id: &str) -> Option<&Missie> {
        self.missions_with(id).next()
    }

    /// The members of the mission with this id, in sheet order.
    pub fn members_of(&self, id: &str) -> impl Iterator<Item = &Deelnemer> {
        rows(&self.deelnemers, self.index().deelnemers.get(id))
    }

    /// The results of the mission with this id, in sheet order.
    pub fn results_of(&self, id: &str) -> impl Iterator<Item = &Resultaat> {
        rows(&self.resultaten, self.index().resultaten.get(id))
    }

    /// The members of the missions with these ids, in sheet order.
    pub fn members_of_all<'a>(&'a self, ids: &[&str]) -> Vec<&'a Deelnemer> {
        in_sheet_order(&self.deelnemers, &self.index().deelnemers, ids)
    }

    /// The results of the missions with these ids, in sheet order.
    pub fn results_of_all<'a>(&'a self, ids: &[&str]) -> Vec<&'a Resultaat> {
        in_sheet_order(&self.resultaten, &self.index().resultaten, ids)
    }
}

/// The rows of `all` of any of these ids, each once, in sheet order.
fn in_sheet_order<'a, T>(all: &'a [T], by_id: &HashMap<String, Vec<usize>>, ids: &[&str]) -> Vec<&'a T> {
    let mut at: Vec<usize> = ids.iter().filter_map(|id| by_id.get(*id)).flatten().copied().collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().filter_map(|i| all.get(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_found_by_mission_in_sheet_order() {
        let member = |id: &str, line| Deelnemer { missie: id.into(), line, ..Default::default() };
        let model = Model { deelnemers: vec![member("A", 2), member("B", 3), member("A", 4)], ..Model::default() };
        assert_eq!(model.members_of("A").map(|d| d.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(model.members_of("B").map(|d| d.line).collect::<Vec<_>>(), [3]);
        assert!(model.members_of("C").next().is_none());
        assert!(model.mission("A").is_none() && model.results_of("A").next().is_none());
        let lines = |found: Vec<&Deelnemer>| found.iter().map(|d| d.line).collect::<Vec<_>>();
        assert_eq!(lines(model.members_of_all(&["B", "A", "A", "C"])), [2, 3, 4]);
    }
}
