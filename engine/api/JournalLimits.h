#pragma once
// Limits a journal can be opened with. Thread safe (plain value).

namespace vigil {

struct JournalLimits {
    /// Caps the file at this many pages (SQLite's max_page_count): a small "disk" for
    /// drills and tests of what happens when the disk fills up. 0: no cap.
    int maxPageCount = 0;
};

} // namespace vigil
