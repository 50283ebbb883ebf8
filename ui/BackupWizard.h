#pragma once
// Making a backup by hand from the console: what to include and where, then the backup
// with its progress and the verification's result. The backup is taken online (the
// journal's snapshot is one read transaction), so trading goes on meanwhile; the work runs
// off the GUI thread. GUI thread only.

#include "api/BackupWriter.h"

#include <QWizard>

namespace vigil {

class BackupWizard final : public QWizard {
    Q_OBJECT

public:
    enum PageId { OptionsPage, RunPage };

    /// `request` gives the data directory and the configuration files; the first page lets
    /// the operator add the logs and pick the directory.
    explicit BackupWizard(BackupRequest request, QWidget *parent = nullptr);

    BackupRequest &request() { return m_request; }
    const BackupResult &result() const { return m_result; }
    void setResult(BackupResult result) { m_result = std::move(result); }

private:
    BackupRequest m_request;
    BackupResult m_result;
};

} // namespace vigil
