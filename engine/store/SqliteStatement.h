#pragma once
// A prepared SQLite statement, for the hot paths where binding through Qt Sql's QVariant
// costs more than SQLite itself (see docs/PERFORMANCE.md). Owned by the thread that uses
// its connection.

#include "core/Fixed.h"

#include <sqlite3.h>

#include <cstring>

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement() { sqlite3_finalize(m_stmt); }

    bool prepare(sqlite3 *db, const char *sql)
    {
        m_db = db;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    // Text is bound without a copy: every string bound here must outlive the step.
    void bind(int i, std::string_view v) { sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC); }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, Money v) { bind(i, v.raw()); }
    void bind(int i, Price v) { bind(i, v.raw()); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    /// Bound without a copy, like text.
    void bindBlob(int i, const void *data, std::size_t size)
    {
        sqlite3_bind_blob(m_stmt, i, data, static_cast<int>(size), SQLITE_STATIC);
    }

    /// Runs a statement that returns no rows; false (with SQLite's message in `error`) on
    /// failure. Always ready for reuse afterwards.
    template <typename Text>
    bool run(Text &error)
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE)
            error = Text::fromUtf8(failure().c_str());
        reset();
        return rc == SQLITE_DONE;
    }
    bool run(std::string &error)
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE)
            error = failure();
        reset();
        return rc == SQLITE_DONE;
    }

    /// Steps a query: true while there is a row. Call reset() when done with it.
    bool next() { return sqlite3_step(m_stmt) == SQLITE_ROW; }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
    std::string text(int column) const
    {
        const auto *p = sqlite3_column_text(m_stmt, column);
        return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                 : std::string();
    }
    std::string blob(int column) const
    {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
    }
    bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

private:
    /// SQLite's words, and the system's where it has some (I/O errors, a disk that is full):
    /// "disk I/O error" alone does not tell the operator what to do.
    std::string failure() const
    {
        std::string text = sqlite3_errmsg(m_db);
        const int code = sqlite3_errcode(m_db) & 0xff;
        const int system = sqlite3_system_errno(m_db);
        if (system != 0 && (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN))
            text += std::string(" (") + std::strerror(system) + ")";
        return text;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace vigil
